import { Form } from "@remix-run/react";
import type { Ref } from "react";
import { FieldError, FormAlert, Spinner, TextField, primaryButtonClass } from "#app/components/form-field.tsx";
import type { FieldErrors } from "#src/errors.ts";
import { LIST_COLORS, LIST_NAME_MAX, type ListColor } from "#src/lists/list.ts";

const COLOR_NAMES: Record<ListColor, string> = {
  grey: "Grey",
  red: "Red",
  orange: "Orange",
  yellow: "Yellow",
  green: "Green",
  teal: "Teal",
  blue: "Blue",
  purple: "Purple",
  pink: "Pink",
};

/** A list's name and colour: the form to make a list, and to rename or recolour one. */
export function ListForm({
  values,
  fieldErrors,
  formError,
  pending,
  label,
  pendingLabel,
  formRef,
  intent,
}: {
  values: { name?: string; color?: string };
  fieldErrors?: FieldErrors;
  formError?: string;
  pending: boolean;
  label: string;
  pendingLabel: string;
  formRef?: Ref<HTMLFormElement>;
  intent?: string;
}) {
  const color = (LIST_COLORS as readonly string[]).includes(values.color ?? "") ? values.color : "grey";
  return (
    <Form ref={formRef} method="post" noValidate className="space-y-5">
      <FormAlert message={formError} />
      {intent && <input type="hidden" name="intent" value={intent} />}
      <TextField
        id="list-name"
        name="name"
        label="Name"
        defaultValue={values.name ?? ""}
        maxLength={LIST_NAME_MAX}
        required
        autoComplete="off"
        errors={fieldErrors?.name}
      />
      <fieldset aria-describedby={fieldErrors?.color?.length ? "list-color-error" : undefined}>
        <legend className="block text-sm font-semibold">Colour</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {LIST_COLORS.map((option) => (
            <label key={option} className="segment inline-flex cursor-pointer items-center gap-1.5">
              <input
                type="radio"
                name="color"
                value={option}
                defaultChecked={option === color}
                className="accent-indigo-600"
              />
              <span aria-hidden="true" data-color={option} className="list-dot" />
              {COLOR_NAMES[option]}
            </label>
          ))}
        </div>
        <FieldError id="list-color-error" messages={fieldErrors?.color} />
      </fieldset>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending && <Spinner />}
        {pending ? pendingLabel : label}
      </button>
    </Form>
  );
}
