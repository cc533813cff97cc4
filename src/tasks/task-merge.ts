/**
 * Three-way merge of an edit that met a newer version of its task: the edit form carries the
 * fields as they were when it was loaded (the base), so a save that conflicts can tell what the
 * user changed from what someone else changed since. Pure; the route shows the result.
 */
import type { Task } from "#src/tasks/task-constants.ts";
import { EDIT_FIELDS, editValuesOf, type EditField, type EditValues } from "#src/tasks/task-edit-fields.ts";

/** A field as the form sends it and as stored compare equal ("\r\n" vs "\n", spaces at the ends). */
function normalize(field: EditField, value: string | null | undefined): string {
  const text = (value ?? "").replace(/\r\n?/g, "\n");
  return field === "description" ? text.trimEnd() : text.trim();
}

function storedValue(task: Task, field: EditField): string {
  return normalize(field, editValuesOf(task)[field]);
}

export interface EditMerge {
  /** The form's new content: the user's value where they changed a field, else the one stored now. */
  values: Record<EditField, string>;
  /** Fields someone else changed since the form was loaded. */
  changedElsewhere: EditField[];
  /** Of those, the ones the user changed too, to something else: the form keeps the user's. */
  clashes: EditField[];
}

/**
 * Merges the user's edit (`mine`, based on `base`) with the task as it is now (`current`). A form
 * without a base (rendered before forms carried one) counts every field as the user's.
 */
export function mergeEdit(base: EditValues, mine: EditValues, current: Task): EditMerge {
  // A form from before times and repeats has no base for them: as if they were loaded as stored.
  const stored = editValuesOf(current);
  const legacy = (field: EditField) =>
    (field === "dueTime" || field === "repeat" || field === "labels") && base[field] === undefined;
  base = Object.fromEntries(EDIT_FIELDS.map((field) => [field, legacy(field) ? stored[field] : base[field]]));
  mine = Object.fromEntries(
    EDIT_FIELDS.map((field) => [field, mine[field] ?? (legacy(field) ? stored[field] : undefined)]),
  );
  const hasBase = EDIT_FIELDS.every((field) => base[field] !== undefined);
  const values = {} as Record<EditField, string>;
  const changedElsewhere: EditField[] = [];
  const clashes: EditField[] = [];
  for (const field of EDIT_FIELDS) {
    const now = storedValue(current, field);
    const yours = normalize(field, mine[field]);
    const before = hasBase ? normalize(field, base[field]) : now;
    const touched = !hasBase || yours !== before;
    const elsewhere = hasBase ? now !== before : now !== yours;
    values[field] = touched ? (mine[field] ?? "") : stored[field];
    if (elsewhere) changedElsewhere.push(field);
    if (elsewhere && touched && yours !== now) clashes.push(field);
  }
  return { values, changedElsewhere, clashes };
}
