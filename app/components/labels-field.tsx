import { FieldError, inputClass } from "#app/components/form-field.tsx";

/**
 * The edit form's labels: one text field, labels separated by commas, with the list's labels
 * as the browser's suggestions (a datalist) and named under the field, so they help without
 * JavaScript too. Only the task page carries it (quick add reads "@label" from the title).
 */
export function LabelsField({
  value,
  suggestions,
  listName,
  errors,
}: {
  value?: string;
  suggestions: readonly string[];
  /** Another list picked in the form: the suggestions are that list's. */
  listName?: string;
  errors?: string[];
}) {
  const described = [errors?.length ? "edit-labels-error" : undefined, "edit-labels-hint"].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor="edit-labels" className="block text-sm font-semibold">
        Labels <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
      </label>
      <input
        id="edit-labels"
        name="labels"
        type="text"
        autoComplete="off"
        placeholder="errand, home"
        list={suggestions.length ? "edit-labels-known" : undefined}
        defaultValue={value ?? ""}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={described}
        className={inputClass}
      />
      {suggestions.length > 0 && (
        <datalist id="edit-labels-known">
          {suggestions.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
      <p id="edit-labels-hint" className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
        Separate labels with commas, up to 20.
        {suggestions.length > 0 &&
          ` ${listName ? `Labels in ${listName}` : "This list's labels"}: ${suggestions.join(", ")}.`}
      </p>
      <FieldError id="edit-labels-error" messages={errors} />
    </div>
  );
}
