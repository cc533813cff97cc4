import { Icon } from "#app/components/icons.tsx";
import { TaskDetailFields, type TaskFieldValues } from "#app/components/task-fields.tsx";
import type { FieldErrors } from "#src/errors.ts";

const DETAIL_FIELDS = ["description", "status", "dueDate", "dueTime", "repeat", "priority"] as const;

/**
 * Quick add's other fields behind "More options", a <details> that works without JavaScript.
 * It opens by itself when one of its fields has an error or a value the user typed, so nothing
 * they entered is hidden. Rendered to HTML by the server (app/.server/more-options.ts), which
 * the page shows as it is: the browser carries no code for it, and its fields, plain inputs of
 * the quick-add form, are sent with it.
 */
export function MoreOptions({
  values = {},
  defaults,
  fieldErrors,
}: {
  values?: TaskFieldValues;
  /** What the form starts with (Today's due date): a field at its default keeps it closed. */
  defaults?: TaskFieldValues;
  fieldErrors?: FieldErrors;
}) {
  const open = DETAIL_FIELDS.some(
    (field) =>
      fieldErrors?.[field]?.length ||
      (values[field] &&
        values[field] !== defaults?.[field] &&
        !(field === "status" && values[field] === "todo") &&
        !(field === "priority" && values[field] === "none")),
  );
  return (
    <details open={open || undefined} className="group">
      <summary className="disclosure">
        <Icon name="chevron-right" className="size-4 transition-transform group-open:rotate-90" />
        More options
      </summary>
      <div className="mt-4">
        <TaskDetailFields
          idPrefix="new"
          values={{ ...defaults, ...values }}
          fieldErrors={fieldErrors}
          descriptionRows={3}
        />
      </div>
    </details>
  );
}
