import type { ReactNode } from "react";
import { FieldError, inputClass } from "#app/components/form-field.tsx";
import { TitleField, fieldIds } from "#app/components/title-field.tsx";
import { PRIORITY_OPTIONS, STATUS_OPTIONS, TASK_LIMITS } from "#app/task-display.ts";
import type { FieldErrors } from "#src/errors.ts";
import { formatCount } from "#src/format-count.ts";

export interface TaskFieldValues {
  title?: string;
  description?: string;
  status?: string;
  dueDate?: string | null;
  dueTime?: string | null;
  repeat?: string;
  labels?: string;
  priority?: string;
}

/** Description, status, due date and priority: everything but the title. */
export function TaskDetailFields({
  idPrefix,
  values,
  fieldErrors,
  descriptionRows = 4,
}: {
  idPrefix: string;
  values: TaskFieldValues;
  fieldErrors?: FieldErrors;
  descriptionRows?: number;
}) {
  const { id, errorId, describedBy, invalid } = fieldIds(idPrefix, fieldErrors);
  return (
    <div className="space-y-5">
      <div>
        <label htmlFor={id("description")} className="block text-sm font-semibold">
          Description <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
        </label>
        <textarea
          id={id("description")}
          name="description"
          rows={descriptionRows}
          defaultValue={values.description ?? ""}
          aria-invalid={invalid("description")}
          aria-describedby={describedBy("description", `${id("description")}-hint`)}
          className={inputClass}
        />
        <p id={`${id("description")}-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          Plain text, up to {formatCount(TASK_LIMITS.description)} characters.
        </p>
        <FieldError id={errorId("description")} messages={fieldErrors?.description} />
      </div>
      <div className="grid gap-5 sm:grid-cols-3">
        <div>
          <label htmlFor={id("status")} className="block text-sm font-semibold">
            Status
          </label>
          <select
            id={id("status")}
            name="status"
            defaultValue={values.status || "todo"}
            aria-invalid={invalid("status")}
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
        <div>
          <label htmlFor={id("dueDate")} className="block text-sm font-semibold">
            Due date <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
          </label>
          <input
            id={id("dueDate")}
            name="dueDate"
            type="date"
            min="1900-01-01"
            max="2999-12-31"
            defaultValue={values.dueDate ?? ""}
            aria-invalid={invalid("dueDate")}
            aria-describedby={describedBy("dueDate")}
            className={inputClass}
          />
          <FieldError id={errorId("dueDate")} messages={fieldErrors?.dueDate} />
        </div>
        <div>
          <label htmlFor={id("priority")} className="block text-sm font-semibold">
            Priority
          </label>
          <select
            id={id("priority")}
            name="priority"
            defaultValue={values.priority || "none"}
            aria-invalid={invalid("priority")}
            aria-describedby={describedBy("priority")}
            className={inputClass}
          >
            {PRIORITY_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <FieldError id={errorId("priority")} messages={fieldErrors?.priority} />
        </div>
        <div>
          <label htmlFor={id("dueTime")} className="block text-sm font-semibold">
            Due time <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
          </label>
          <input
            id={id("dueTime")}
            name="dueTime"
            type="time"
            defaultValue={values.dueTime ?? ""}
            aria-invalid={invalid("dueTime")}
            aria-describedby={describedBy("dueTime")}
            className={inputClass}
          />
          <FieldError id={errorId("dueTime")} messages={fieldErrors?.dueTime} />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor={id("repeat")} className="block text-sm font-semibold">
            Repeat <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
          </label>
          <input
            id={id("repeat")}
            name="repeat"
            type="text"
            autoComplete="off"
            placeholder="every Monday"
            defaultValue={values.repeat ?? ""}
            aria-invalid={invalid("repeat")}
            aria-describedby={describedBy("repeat", `${id("repeat")}-hint`)}
            className={inputClass}
          />
          <p id={`${id("repeat")}-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
            Such as every weekday, every 2 weeks or every month on the 1st.
          </p>
          <FieldError id={errorId("repeat")} messages={fieldErrors?.repeat} />
        </div>
      </div>
    </div>
  );
}

/** Every field, for the edit form; `actions` (the submit button) goes below. */
export function TaskFields({
  idPrefix,
  values,
  fieldErrors,
  descriptionRows = 4,
  extra,
  actions,
}: {
  idPrefix: string;
  values: TaskFieldValues;
  fieldErrors?: FieldErrors;
  descriptionRows?: number;
  /** Fields of the edit form's own (its labels and assignee), below the rest. */
  extra?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="space-y-5">
      <TitleField idPrefix={idPrefix} value={values.title} fieldErrors={fieldErrors} />
      <TaskDetailFields
        idPrefix={idPrefix}
        values={values}
        fieldErrors={fieldErrors}
        descriptionRows={descriptionRows}
      />
      {extra}
      {actions && <div className="flex justify-end">{actions}</div>}
    </div>
  );
}
