/** The fields an edit form changes, and the names of its copy of them as loaded (browser-safe). */
export const EDIT_FIELDS = ["title", "description", "status", "dueDate", "priority"] as const;
export type EditField = (typeof EDIT_FIELDS)[number];
export type EditValues = Partial<Record<EditField, string>>;

/** The edit form's hidden copy of a field as loaded: `base.title`, … (task-merge.ts merges with it). */
export const baseFieldName = (field: EditField) => `base.${field}`;
