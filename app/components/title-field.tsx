import { FieldError, inputClass } from "#app/components/form-field.tsx";
import type { FieldErrors } from "#src/errors.ts";

type FieldName = "title" | "description" | "status" | "dueDate" | "dueTime" | "repeat" | "priority";

/** The ids a field and its error use, and its ARIA attributes. */
export function fieldIds(idPrefix: string, fieldErrors: FieldErrors | undefined) {
  const id = (field: FieldName) => `${idPrefix}-${field}`;
  const errorId = (field: FieldName) => `${id(field)}-error`;
  const describedBy = (field: FieldName, hint?: string) =>
    [fieldErrors?.[field]?.length ? errorId(field) : undefined, hint].filter(Boolean).join(" ") || undefined;
  const invalid = (field: FieldName) => (fieldErrors?.[field]?.length ? true : undefined);
  return { id, errorId, describedBy, invalid };
}

/** The title field, alone in quick add and first in the edit form. */
export function TitleField({
  idPrefix,
  value,
  fieldErrors,
}: {
  idPrefix: string;
  value?: string;
  fieldErrors?: FieldErrors;
}) {
  const { id, errorId, describedBy, invalid } = fieldIds(idPrefix, fieldErrors);
  return (
    <div className="min-w-0 flex-1">
      <label htmlFor={id("title")} className="block text-sm font-semibold">
        Title
      </label>
      <input
        id={id("title")}
        name="title"
        type="text"
        defaultValue={value ?? ""}
        autoComplete="off"
        placeholder="What needs doing?"
        aria-required="true"
        aria-invalid={invalid("title")}
        aria-describedby={describedBy("title")}
        className={inputClass}
      />
      <FieldError id={errorId("title")} messages={fieldErrors?.title} />
    </div>
  );
}
