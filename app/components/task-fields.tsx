import { STATUS_OPTIONS, TASK_LIMITS } from "#app/task-display.ts";
import type { FieldErrors } from "#src/errors.ts";
import type { TaskStatus } from "#src/tasks/task-constants.ts";

export interface TaskFieldValues {
  title?: string;
  description?: string;
  status?: string;
}

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-indigo-500 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400 dark:aria-[invalid=true]:border-red-400";

function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700 dark:text-red-300">
      {messages.join(" ")}
    </p>
  );
}

/** Title, description and status inputs, shared by the create and edit forms. */
export function TaskFields({
  idPrefix,
  values,
  fieldErrors,
}: {
  idPrefix: string;
  values: TaskFieldValues;
  fieldErrors?: FieldErrors;
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
    <div className="space-y-4">
      <div>
        <label htmlFor={ids.title} className="block text-sm font-medium">
          Title
        </label>
        <input
          id={ids.title}
          name="title"
          type="text"
          defaultValue={values.title ?? ""}
          autoComplete="off"
          aria-required="true"
          aria-invalid={fieldErrors?.title?.length ? true : undefined}
          aria-describedby={describedBy("title")}
          className={inputClass}
        />
        <FieldError id={errorId("title")} messages={fieldErrors?.title} />
      </div>
      <div>
        <label htmlFor={ids.description} className="block text-sm font-medium">
          Description <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
        </label>
        <textarea
          id={ids.description}
          name="description"
          rows={4}
          defaultValue={values.description ?? ""}
          aria-invalid={fieldErrors?.description?.length ? true : undefined}
          aria-describedby={describedBy("description", `${ids.description}-hint`)}
          className={inputClass}
        />
        <p id={`${ids.description}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          Plain text, up to {TASK_LIMITS.description.toLocaleString("en-US")} characters.
        </p>
        <FieldError id={errorId("description")} messages={fieldErrors?.description} />
      </div>
      <div>
        <label htmlFor={ids.status} className="block text-sm font-medium">
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
    </div>
  );
}

export function FormAlert({ id, message, tone = "error" }: { id?: string; message?: string; tone?: "error" | "warning" }) {
  if (!message) return null;
  const toneClass =
    tone === "error"
      ? "border-red-300 bg-red-50 text-red-800 dark:border-red-700 dark:bg-red-950 dark:text-red-100"
      : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100";
  return (
    <div id={id} role="alert" tabIndex={-1} className={`rounded-md border px-4 py-3 text-sm ${toneClass}`}>
      {message}
    </div>
  );
}
