import type { ReactNode } from "react";
import { FieldError, inputClass } from "#app/components/form-field.tsx";
import { STATUS_OPTIONS, TASK_LIMITS } from "#app/task-display.ts";
import type { FieldErrors } from "#src/errors.ts";
import type { TaskStatus } from "#src/tasks/task-constants.ts";

export interface TaskFieldValues {
  title?: string;
  description?: string;
  status?: string;
}

/** Title, description and status inputs, shared by the create and edit forms; `actions` (the
 * submit button) sits beside the status on wider screens. */
export function TaskFields({
  idPrefix,
  values,
  fieldErrors,
  descriptionRows = 4,
  actions,
}: {
  idPrefix: string;
  values: TaskFieldValues;
  fieldErrors?: FieldErrors;
  descriptionRows?: number;
  actions?: ReactNode;
}) {
  const ids = {
    title: `${idPrefix}-title`,
    description: `${idPrefix}-description`,
    status: `${idPrefix}-status`,
  };
  const errorId = (field: keyof typeof ids) => `${ids[field]}-error`;
  const describedBy = (field: keyof typeof ids, hint?: string) =>
    [fieldErrors?.[field]?.length ? errorId(field) : undefined, hint].filter(Boolean).join(" ") || undefined;
  const status = (values.status || "todo") as TaskStatus;

  return (
    <div className="space-y-5">
      <div>
        <label htmlFor={ids.title} className="block text-sm font-semibold">
          Title
        </label>
        <input
          id={ids.title}
          name="title"
          type="text"
          defaultValue={values.title ?? ""}
          autoComplete="off"
          placeholder="What needs doing?"
          aria-required="true"
          aria-invalid={fieldErrors?.title?.length ? true : undefined}
          aria-describedby={describedBy("title")}
          className={inputClass}
        />
        <FieldError id={errorId("title")} messages={fieldErrors?.title} />
      </div>
      <div>
        <label htmlFor={ids.description} className="block text-sm font-semibold">
          Description <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
        </label>
        <textarea
          id={ids.description}
          name="description"
          rows={descriptionRows}
          defaultValue={values.description ?? ""}
          aria-invalid={fieldErrors?.description?.length ? true : undefined}
          aria-describedby={describedBy("description", `${ids.description}-hint`)}
          className={inputClass}
        />
        <p id={`${ids.description}-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          Plain text, up to {TASK_LIMITS.description.toLocaleString("en-US")} characters.
        </p>
        <FieldError id={errorId("description")} messages={fieldErrors?.description} />
      </div>
      <div className="flex flex-col gap-5 sm:flex-row sm:items-end sm:justify-between">
        <div className="sm:w-56">
          <label htmlFor={ids.status} className="block text-sm font-semibold">
            Status
          </label>
          <select
            id={ids.status}
            name="status"
            defaultValue={status}
            aria-invalid={fieldErrors?.status?.length ? true : undefined}
            aria-describedby={describedBy("status")}
            className={inputClass}
          >
            {STATUS_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <FieldError id={errorId("status")} messages={fieldErrors?.status} />
        </div>
        {actions}
      </div>
    </div>
  );
}
