import type { Task } from "#src/tasks/task-constants.ts";
import { repeatText } from "#src/tasks/recurrence-text.ts";

export { repeatText };

/** The fields an edit form changes, and the names of its copy of them as loaded (browser-safe). */
export const EDIT_FIELDS = [
  "title",
  "description",
  "status",
  "dueDate",
  "dueTime",
  "repeat",
  "labels",
  "priority",
] as const;
export type EditField = (typeof EDIT_FIELDS)[number];
export type EditValues = Partial<Record<EditField, string>>;

/** The edit form's hidden copy of a field as loaded: `base.title`, … (task-merge.ts merges with it). */
export const baseFieldName = (field: EditField) => `base.${field}`;

/** A task as its edit form's fields hold it. */
export function editValuesOf(task: Task): Record<EditField, string> {
  return {
    title: task.title,
    description: task.description,
    status: task.status,
    dueDate: task.dueDate ?? "",
    dueTime: task.dueTime ?? "",
    repeat: repeatText(task),
    labels: (task.labels ?? []).join(", "),
    priority: task.priority,
  };
}
