import { isDeepStrictEqual } from "node:util";
import { ConflictError, NotFoundError, ValidationError } from "#src/errors.ts";
import { requireRole, type ListAccess } from "#src/lists/list-access.ts";
import { noticeListChanged } from "#src/live/live-notice.ts";
import { deleteLabelCopies } from "#src/tasks/label-copy-repository.ts";
import * as labels from "#src/tasks/label-repository.ts";
import type { LabelEntry } from "#src/tasks/label-repository.ts";
import { LABEL_MAX, MAX_LIST_LABELS, hasLabel, isLabelName, labelKey } from "#src/tasks/task-labels.ts";
import * as repository from "#src/tasks/task-repository.ts";
import { fieldsOf } from "#src/tasks/task-undo-service.ts";
import type { Task } from "#src/tasks/task.ts";

/**
 * A list's labels (label-repository.ts): what its tasks may carry, spelled as the list first
 * spelled them, shared by every member; renamed or removed on every task that carries them by a
 * walk that records its progress, so one stopped half-way finishes when it is run again.
 */

export type { LabelEntry };

/** Tasks one request changes before it answers "not finished yet; carry on" (a Lambda has 30 s). */
export const LABEL_CHANGE_BUDGET = 500;

/**
 * The labels as the list spells them, for a task of the list: a name it already has (in any
 * case) takes the list's spelling, a new one is added (beyond MAX_LIST_LABELS, refused); a label
 * being renamed gives its new name and one being removed is dropped. One Query, plus one write
 * per new label; nothing is read for a task with no labels.
 */
export async function resolveLabelNames(listId: string, names: readonly string[] | undefined, listName?: string) {
  if (names === undefined || names.length === 0) return names === undefined ? undefined : [];
  const spelled = await labelSpellings(listId, names, listName);
  return [...new Set(names.map((name) => spelled.get(labelKey(name))).filter((name) => name !== undefined))];
}

/**
 * Each name's label as the list has it (resolveLabelNames's rules), by the name's key; a label
 * being removed has none. For many tasks at once (an import): one Query, one write per new label.
 */
export async function labelSpellings(
  listId: string,
  names: readonly string[],
  /** Named in a refusal (a task moving there from its edit form), so it is clear which list is full. */
  listName?: string,
): Promise<Map<string, string>> {
  const spelled = new Map<string, string>();
  if (names.length === 0) return spelled;
  const entries = new Map((await labels.listLabels(listId)).map((entry) => [entry.key, entry]));
  const fresh = names.filter((name) => !entries.has(labelKey(name)));
  if (fresh.length > 0 && entries.size + new Set(fresh.map(labelKey)).size > MAX_LIST_LABELS)
    throw new ValidationError(
      {
        labels: [
          listName
            ? `“${listName}” has all the labels a list can have (${MAX_LIST_LABELS}): remove one on its Labels page first, or use its labels.`
            : `A list can have at most ${MAX_LIST_LABELS} labels; remove one on its Labels page first.`,
        ],
      },
      undefined,
    );
  for (const name of names) {
    const key = labelKey(name);
    if (spelled.has(key)) continue;
    let entry = entries.get(key) ?? (await labels.addLabel(listId, key, name));
    entries.set(key, entry);
    if (entry.change) {
      if (entry.change.to === undefined) continue;
      const target = labelKey(entry.change.to);
      entry = entries.get(target) ?? (await labels.addLabel(listId, target, entry.change.to));
      if (target === key) entry = { key, name: entry.change?.to ?? entry.name };
    }
    spelled.set(key, entry.name);
  }
  return spelled;
}

/** What a bulk move into a list may carry: each label's spelling there, and the tasks with no room. */
export interface LabelRoom {
  /** The target's spelling of every label the admitted tasks carry, by key (a label being removed has none). */
  spelled: Map<string, string>;
  /** Tasks whose labels the target has no room for, by id: the labels it lacks, as the task spells them. */
  refused: Map<string, string[]>;
}

/**
 * Room in a list for many tasks' labels at once (a bulk move): in order, a task whose labels the
 * list lacks is admitted while they fit under MAX_LIST_LABELS, else refused whole (it stays where
 * it is, labels and all: no task ever arrives with fewer labels than it had). The admitted tasks'
 * new labels are added once, here: one Query, one write per new label.
 */
export async function labelRoomFor(
  listId: string,
  tasks: readonly { id: string; labels?: string[] }[],
): Promise<LabelRoom> {
  const refused = new Map<string, string[]>();
  if (!tasks.some((task) => task.labels?.length)) return { spelled: new Map(), refused };
  const known = new Set((await labels.listLabels(listId)).map((entry) => entry.key));
  const room = MAX_LIST_LABELS - known.size;
  const added = new Set<string>();
  const names: string[] = [];
  for (const task of tasks) {
    const lacking = (task.labels ?? []).filter((name) => !known.has(labelKey(name)));
    const fresh = new Set(lacking.map(labelKey).filter((key) => !added.has(key)));
    if (added.size + fresh.size > room) {
      refused.set(task.id, lacking);
      continue;
    }
    for (const key of fresh) added.add(key);
    names.push(...(task.labels ?? []));
  }
  return { spelled: await labelSpellings(listId, names), refused };
}

/** The list's labels, by name (suggestions and the Labels page); any member may read them. */
export async function listLabelsOf(access: ListAccess): Promise<LabelEntry[]> {
  requireRole(access, "viewer");
  const entries = await labels.listLabels(access.listId);
  return entries.sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }));
}

export interface LabelChangeResult {
  /** False when the budget ran out first: run it again to finish (the progress is recorded). */
  done: boolean;
  changed: number;
  /** A rename's new name, as the list spells it (a merge takes the other label's spelling). */
  to?: string;
}

function checkName(name: string): string {
  const trimmed = name.trim().replace(/^@/u, "").normalize("NFC");
  if (!isLabelName(trimmed))
    throw new ValidationError({ name: [`A label is 1 to ${LABEL_MAX} letters, digits, "-" or "_", with no spaces.`] });
  return trimmed;
}

async function entryFor(access: ListAccess, name: string): Promise<LabelEntry> {
  const entry = await labels.getLabel(access.listId, labelKey(name.trim().replace(/^@/u, "")));
  if (!entry) throw new NotFoundError("label.not_found", "This list has no such label.");
  return entry;
}

export interface LabelChangeOptions {
  /**
   * Refuse (409, label.busy) when another change of the label is under way, instead of carrying
   * that one on: the JSON API, where a request says exactly which change it wants.
   */
  onlyThis?: boolean;
}

function busy(entry: LabelEntry): ConflictError {
  const under = entry.change?.to === undefined ? "being removed" : `being renamed to @${entry.change.to}`;
  return new ConflictError(
    "label.busy",
    `@${entry.name} is ${under} already: repeat that change to finish it first.`,
    null,
  );
}

/**
 * Renames a label on every task of the list that carries it (editors and owners). Renaming to a
 * label the list has already merges the two. A change already under way for the label is
 * carried on instead (the same button finishes a rename that stopped half-way), or with
 * `onlyThis` refused unless it is this very rename.
 */
export async function renameLabel(
  access: ListAccess,
  from: string,
  to: string,
  options: LabelChangeOptions = {},
): Promise<LabelChangeResult> {
  requireRole(access, "editor");
  const entry = await entryFor(access, from);
  const name = checkName(to);
  if (
    entry.change &&
    options.onlyThis &&
    (entry.change.to === undefined || labelKey(entry.change.to) !== labelKey(name))
  )
    throw busy(entry);
  if (!entry.change) {
    const target =
      labelKey(name) === entry.key
        ? { key: entry.key, name }
        : await labels.addLabel(access.listId, labelKey(name), name);
    if (!(await labels.startLabelChange(access.listId, entry.key, { to: target.name })))
      throw new ConflictError("label.busy", "This label is being changed already; try again in a moment.", null);
    entry.change = { to: target.name };
  }
  return runLabelChange(access, entry);
}

/** Takes a label off every task of the list that carries it, then out of the list. */
export async function removeLabel(
  access: ListAccess,
  name: string,
  options: LabelChangeOptions = {},
): Promise<LabelChangeResult> {
  requireRole(access, "editor");
  const entry = await entryFor(access, name);
  if (entry.change && options.onlyThis && entry.change.to !== undefined) throw busy(entry);
  if (!entry.change) {
    if (!(await labels.startLabelChange(access.listId, entry.key, {})))
      throw new ConflictError("label.busy", "This label is being changed already; try again in a moment.", null);
    entry.change = {};
  }
  return runLabelChange(access, entry);
}

/** Carries on a change that stopped half-way (its Labels page offers this). */
export async function finishLabelChange(access: ListAccess, name: string): Promise<LabelChangeResult> {
  requireRole(access, "editor");
  const entry = await entryFor(access, name);
  if (!entry.change) return { done: true, changed: 0 };
  return runLabelChange(access, entry);
}

/** The task's labels after the change: the old label replaced by the new (once) or dropped. */
function changedLabels(task: Task, key: string, to: string | undefined): string[] {
  const out: string[] = [];
  for (const label of task.labels ?? []) {
    const next = labelKey(label) === key ? to : label;
    if (next !== undefined && !out.some((known) => labelKey(known) === labelKey(next))) out.push(next);
  }
  return out;
}

/**
 * The walk: the label's tasks in id order from where the change last got, 100 at a time (one
 * Query of the label's copies, one BatchGetItem of the tasks, one conditional write each, as
 * any edit makes it), recording the last id done after each batch. A task changed meanwhile is
 * read again and changed on top. When none are left the old label leaves the list.
 */
async function runLabelChange(access: ListAccess, entry: LabelEntry): Promise<LabelChangeResult> {
  const { listId } = access;
  const to = entry.change?.to;
  let after = entry.change?.after;
  let changed = 0;
  for (;;) {
    if (changed >= LABEL_CHANGE_BUDGET) return { done: false, changed, ...(to === undefined ? {} : { to }) };
    const { ids, more } = await labels.queryLabelTaskIds(listId, entry.key, after, 100);
    const tasks = ids.length ? await repository.getTasks(listId, ids) : new Map<string, Task>();
    for (const id of ids) {
      let task = tasks.get(id);
      let updated = false;
      for (let attempt = 0; task && hasLabel(task.labels, entry.key); attempt++) {
        const next = changedLabels(task, entry.key, to);
        // Done already by an earlier run (a rename of spelling only keeps its copies where they are).
        if (isDeepStrictEqual(next, task.labels)) {
          updated = true;
          break;
        }
        try {
          await repository.updateTask(
            listId,
            id,
            task.version,
            { ...fieldsOf(task), completions: undefined, labels: next },
            new Date().toISOString(),
            access.userId,
          );
          updated = true;
          changed += 1;
          break;
        } catch (error) {
          if (error instanceof NotFoundError) task = undefined;
          else if (!(error instanceof ConflictError) || attempt >= 2) throw error;
          else task = (error.current as Task | null) ?? undefined;
        }
      }
      // A copy whose task no longer carries the label, or is gone (a write that stopped half-way).
      if (!updated) await deleteLabelCopies(listId, id, [entry.key], task ? task.version : Number.MAX_SAFE_INTEGER);
    }
    const last = ids.at(-1);
    if (last !== undefined) {
      await labels.recordLabelProgress(listId, entry.key, last);
      after = last;
    }
    if (!more) break;
  }
  await labels.finishLabelChange(listId, entry.key, to !== undefined && labelKey(to) === entry.key ? to : undefined);
  if (changed > 0) await noticeListChanged(listId);
  return { done: true, changed, ...(to === undefined ? {} : { to }) };
}
