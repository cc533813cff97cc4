import { Form, Link, useFetcher, useLocation } from "@remix-run/react";
import { Fragment, Suspense, lazy, useEffect, useRef, useState, type ReactNode, type Ref } from "react";
import {
  FieldError,
  FormAlert,
  Spinner,
  dangerButtonClass,
  inputClass,
  primaryButtonClass,
} from "#app/components/form-field.tsx";
import type { AssignChoices } from "#app/.server/assignees.ts";
import { StatusBadge } from "#app/components/status-badge.tsx";
import { DueLabel, PriorityBadge } from "#app/components/task-badges.tsx";
import { TaskFields, type TaskFieldValues } from "#app/components/task-fields.tsx";
import { SubtaskList } from "#app/components/subtask-list.tsx";
import { LabelsField } from "#app/components/labels-field.tsx";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { PRIORITY_LABELS, STATUS_LABELS } from "#app/task-display.ts";
import type { TextPart } from "#app/text-links.ts";
import type { FieldErrors } from "#src/errors.ts";
import type { DueWords } from "#src/tasks/due-words.ts";
import { UNDO_MINUTES, type Task } from "#src/tasks/task-constants.ts";
import { formatCalendarDate } from "#src/tasks/task-dates.ts";
import { EDIT_FIELDS, baseFieldName, editValuesOf, repeatText, type EditField } from "#src/tasks/task-edit-fields.ts";
import { formatTimestamp } from "#src/tasks/task-timestamps.ts";
import { listPath, taskPath } from "#app/task-urls.ts";

/** The task could not be loaded (storage unreachable); after a failed save, the edits stay. */
export function TaskUnavailable({
  actionData,
  backLink,
}: {
  actionData: TaskActionResult | undefined;
  backLink: BackLink;
}) {
  // After a failed one-click change there are no edits to keep.
  const values = actionData?.values?.intent === "update" || actionData?.values?.title ? actionData.values : undefined;
  return (
    <div className="space-y-8">
      <div>
        <Link to={backLink.to} className="link text-sm">
          ← {backLink.label}
        </Link>
        <h1 className="mt-4 text-2xl font-bold tracking-tight sm:text-3xl">This task can't be loaded right now</h1>
      </div>
      <FormAlert message={actionData?.formError ?? "Please try again in a moment."} />
      {values?.version && (
        <EditTaskSection
          heading="Your edits"
          values={values}
          base={baseOf(values) ?? values}
          version={values.version}
          label="Try saving again"
        />
      )}
    </div>
  );
}

/**
 * The labels the labels field suggests: the task's list's (from the loader), or, once another list
 * is picked in the form, that list's, read when it is picked (its Labels page's loader) and
 * not before. Without JavaScript the form keeps suggesting the task's list's; the save checks
 * the labels against the list it moves to either way.
 */
function usePickedListLabels(lists: EditLists | undefined, own: readonly string[]) {
  // The picked list's name, when it is not the task's own.
  const [other, setOther] = useState<string>();
  const fetcher = useFetcher<{ labels: { name: string }[] }>();
  return {
    pick(id: string) {
      const option = id === lists?.current ? undefined : lists?.options.find((choice) => choice.id === id);
      setOther(option?.name);
      if (option) fetcher.load(`/lists/${id}/labels`);
    },
    names:
      other === undefined
        ? own
        : fetcher.state === "idle"
          ? (fetcher.data?.labels.map((label) => label.name) ?? [])
          : [],
    listName: other,
  };
}

type EditLists = { current: string; options: { id: string; name: string }[] };

/** The edit form: fields, the version the edits are based on, and the save button. */
function EditTaskSection({
  heading,
  values,
  base,
  version,
  fieldErrors,
  alert,
  label,
  saving = false,
  formRef,
  formKey,
  labelSuggestions = [],
  lists,
  extra,
}: {
  /** The list's labels, suggested by the labels field. */
  labelSuggestions?: readonly string[];
  /** The list the task is in and the lists it can move to ("inbox" or ids): a select when there are two. */
  lists?: EditLists;
  /** More fields after the task's own (the assignee). */
  extra?: ReactNode;
  heading: string;
  values: TaskFieldValues;
  /** The task as it was at `version`: a save that meets a newer one merges against it. */
  base: TaskFieldValues;
  version: string | number;
  fieldErrors?: FieldErrors;
  alert?: string;
  label: string;
  saving?: boolean;
  formRef?: Ref<HTMLFormElement>;
  formKey?: string;
}) {
  const suggested = usePickedListLabels(lists, labelSuggestions);
  return (
    <section aria-labelledby="edit-heading" className="card p-5 sm:p-6">
      <h2 id="edit-heading" className="text-lg font-semibold">
        {heading}
      </h2>
      <Form ref={formRef} key={formKey} method="post" noValidate className="mt-4 space-y-5">
        <FormAlert message={alert} />
        <input type="hidden" name="version" value={version} />
        {lists && lists.options.length > 1 && (
          <div>
            <label htmlFor="edit-list" className="block text-sm font-semibold">
              List
            </label>
            <select
              id="edit-list"
              name="listId"
              defaultValue={lists.current}
              onChange={(event) => suggested.pick(event.currentTarget.value)}
              className={`${inputClass} sm:w-auto`}
            >
              {lists.options.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {EDIT_FIELDS.map((field) => (
          <input key={field} type="hidden" name={baseFieldName(field)} value={base[field] ?? ""} />
        ))}
        <TaskFields
          idPrefix="edit"
          values={values}
          fieldErrors={fieldErrors}
          extra={
            <>
              <LabelsField
                value={values.labels}
                suggestions={suggested.names}
                listName={suggested.listName}
                errors={fieldErrors?.labels}
              />
              {extra}
            </>
          }
          actions={
            <button
              type="submit"
              name="intent"
              value="update"
              disabled={saving}
              className={`${primaryButtonClass} w-full sm:w-auto`}
            >
              {saving && <Spinner />}
              {saving ? "Saving…" : label}
            </button>
          }
        />
      </Form>
    </section>
  );
}

/**
 * Plain text with its http(s) addresses as links, each opening in a new tab that gets no handle
 * on this page (noopener) and no address of it (noreferrer); everything else stays text.
 */
function LinkedText({ parts }: { parts: TextPart[] }) {
  return parts.map((part, index) =>
    part.href ? (
      <a key={index} href={part.href} target="_blank" rel="noopener noreferrer" className="link">
        {part.text}
      </a>
    ) : (
      <Fragment key={index}>{part.text}</Fragment>
    ),
  );
}

/** The list the task page was opened from, and its name ("Today", "Board"). */
export interface BackLink {
  to: string;
  label: string;
}

/** What the task route's action answers, seen from the page (edit form or one-click change). */
export interface TaskActionResult {
  ok?: boolean;
  formError?: string;
  fieldErrors?: FieldErrors;
  values?: Partial<Record<string, string>>;
  current?: Task;
  /** A save that met a newer version: what the other change touched, and what both did. */
  merge?: { changedElsewhere: EditField[]; clashes: EditField[] };
}

/** The base the form was loaded with, sent back with a refused save (`base.title`, …). */
function baseOf(values: Partial<Record<string, string>> | undefined): TaskFieldValues | undefined {
  if (!values || EDIT_FIELDS.some((field) => values[baseFieldName(field)] === undefined)) return undefined;
  return Object.fromEntries(EDIT_FIELDS.map((field) => [field, values[baseFieldName(field)]]));
}

export function TaskPage({
  task,
  canEdit = true,
  listName,
  lists,
  byline,
  descriptionParts,
  timeZone,
  today,
  due,
  actionData,
  backLink,
  assign,
  labelSuggestions,
  changedBy = "someone",
}: {
  /** Who last changed it, worded on the server ("ana", "you"): named when that happens while the form is open. */
  changedBy?: string;
  /** Who the task can be assigned to (a list other than the Inbox). */
  assign?: AssignChoices | null;
  /** The list's labels (editors only). */
  labelSuggestions?: readonly string[];
  task: Task;
  /** False for a viewer or an archived list: the task shows without controls that would fail. */
  canEdit?: boolean;
  /** The list the task is in. */
  listName?: string;
  /** The edit form's list choice (see EditTaskSection). */
  lists?: { current: string; options: { id: string; name: string }[] };
  /** In a shared list: who added and last changed it ("Added by ana · Thu 3 Dec"), worded on the server. */
  byline?: string | null;
  /** The description cut into text and links (app/text-links.ts, on the server). */
  descriptionParts: TextPart[];
  timeZone: string;
  today: string;
  /** Its due date in words (src/tasks/due-words.ts, by the loader). */
  due: DueWords | undefined;
  actionData: TaskActionResult | undefined;
  backLink: BackLink;
}) {
  const saving = usePendingForm(taskPath(task), "update");
  const deleting = usePendingForm(taskPath(task), "delete");
  const opened = useOpenedTask(task, actionData !== undefined);
  const quick =
    actionData?.values?.intent === "status" ||
    actionData?.values?.intent === "priority" ||
    actionData?.values?.intent === "move" ||
    actionData?.values?.intent === "assignee";
  // A refused checklist change (from this page, or the row's "tick next" without JavaScript).
  const checklist = actionData?.values?.intent?.startsWith("subtask") ? actionData : undefined;
  const assigneeLabel = (id: string | null | undefined) =>
    assign?.options.find((option) => option.value === (id ?? ""))?.label;
  const assignedTo = task.assigneeId ? assigneeLabel(task.assigneeId) : undefined;
  // The edit form offers the members where there is someone to assign or someone assigned.
  const assignField = canEdit && assign && (assign.options.length > 2 || assignedTo) && (
    <div>
      <label htmlFor="edit-assigneeId" className="block text-sm font-semibold">
        Assigned to
      </label>
      <select
        id="edit-assigneeId"
        name="assigneeId"
        defaultValue={(!quick && actionData?.values?.assigneeId) || opened.task.assigneeId || ""}
        aria-invalid={actionData?.fieldErrors?.assigneeId?.length ? true : undefined}
        aria-describedby={actionData?.fieldErrors?.assigneeId?.length ? "edit-assigneeId-error" : undefined}
        className={inputClass}
      >
        {assign.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id="edit-assigneeId-error" messages={actionData?.fieldErrors?.assigneeId} />
    </div>
  );

  // After a conflict the form keeps the user's input but carries the version now stored,
  // so saving again is a deliberate overwrite of the change shown above it.
  const current = checklist ? undefined : actionData?.current;
  const editConflict = quick ? undefined : current;
  const version = current?.version ?? opened.task.version;
  const values = (!quick && !checklist && actionData?.values) || editValuesOf(opened.task);
  // After a conflict the form is based on the version stored now; after a refused save, on what it was.
  const base =
    (editConflict && editValuesOf(editConflict)) ??
    (quick || checklist ? undefined : baseOf(actionData?.values)) ??
    editValuesOf(opened.task);
  const formRef = useFocusOnError(current || quick || checklist ? undefined : actionData);
  // The checklist as stored now: after a conflict the task the refusal carried.
  const listed = (checklist?.current?.version ?? 0) > task.version ? (checklist?.current as Task) : task;
  const conflictRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (current) conflictRef.current?.focus();
  }, [current]);
  const fromRow = quick || checklist?.values?.intent === "subtask";
  const backTo = fromRow ? (actionData?.values?.returnTo ?? "/tasks") : backLink.to;
  // A label links to its list's view of it.
  const listHome = listPath(task.listId);

  return (
    <div className="space-y-8">
      <div>
        <Link to={backTo} className="link text-sm">
          ← {fromRow ? "Back to your list" : backLink.label}
        </Link>
        <article className="card mt-4 p-5 sm:p-6">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <h1 className="min-w-0 text-2xl font-bold tracking-tight break-words sm:text-3xl">{task.title}</h1>
            <div className="flex flex-wrap items-center gap-2">
              <PriorityBadge priority={task.priority} />
              <StatusBadge status={task.status} />
            </div>
          </div>
          {task.dueDate && (
            <p className="mt-2">
              <DueLabel due={due} dueDate={task.dueDate} dueTime={task.dueTime} status={task.status} />
            </p>
          )}
          {task.labels?.length ? (
            <p className="mt-3 flex flex-wrap gap-2">
              <span className="sr-only">Labels: </span>
              {task.labels.map((label) => (
                <a key={label} href={`${listHome}?label=${encodeURIComponent(label)}`} className="label-chip">
                  @{label}
                </a>
              ))}
            </p>
          ) : null}
          {task.description ? (
            <p className="mt-4 break-words whitespace-pre-wrap text-slate-700 dark:text-slate-300">
              <LinkedText parts={descriptionParts} />
            </p>
          ) : (
            <p className="mt-4 text-slate-600 italic dark:text-slate-400">No description.</p>
          )}
          <p className="mt-5 border-t border-slate-200 pt-4 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
            {listName && <>In {listName} · </>}
            {assignedTo && <>Assigned to {assignedTo} · </>}
            Created <time dateTime={task.createdAt}>{formatTimestamp(task.createdAt, timeZone)}</time> · Updated{" "}
            <time dateTime={task.updatedAt}>{formatTimestamp(task.updatedAt, timeZone)}</time>
            {byline && <span className="mt-1 block">{byline}</span>}
          </p>
        </article>
      </div>

      {quick && actionData?.formError && !current && <FormAlert message={actionData.formError} />}

      {quick && current && actionData?.values && (
        <QuickConflict
          sectionRef={conflictRef}
          current={current}
          values={actionData.values}
          backTo={backTo}
          assigneeLabel={assigneeLabel}
        />
      )}

      {editConflict && (
        <EditConflict sectionRef={conflictRef} current={editConflict} merge={actionData?.merge} today={today} />
      )}

      {(canEdit || Boolean(listed.subtasks?.length)) && (
        <SubtaskList subtasks={listed.subtasks ?? []} version={listed.version} canEdit={canEdit} failure={checklist} />
      )}

      {canEdit && (
        // Read aloud when a change elsewhere brings the notice (it is empty otherwise).
        <div aria-live="polite" className="empty:hidden">
          {opened.changed.length > 0 && !(current && current.version >= task.version) && (
            <Suspense fallback={null}>
              <ChangedElsewhere
                changedBy={changedBy}
                rows={opened.changed.map((field) => ({
                  field,
                  name: field === "assignee" ? "Assigned to" : FIELD_NAMES[field],
                  value:
                    field === "assignee"
                      ? (assigneeLabel(task.assigneeId) ?? "Nobody")
                      : fieldValue(task, field, today),
                }))}
                onChoice={opened.choose}
              />
            </Suspense>
          )}
        </div>
      )}

      {canEdit && (
        <EditTaskSection
          heading="Edit task"
          values={values}
          base={base}
          labelSuggestions={labelSuggestions}
          version={version}
          fieldErrors={actionData?.fieldErrors}
          alert={current || quick ? undefined : actionData?.formError}
          label="Save changes"
          saving={saving}
          formRef={formRef}
          formKey={`${task.id}:${opened.formKey}:${current?.version ?? ""}:${quick ? "quick" : "edit"}`}
          lists={lists}
          extra={assignField}
        />
      )}

      {canEdit && (
        <section
          aria-labelledby="delete-heading"
          className="rounded-2xl border border-red-200 p-5 sm:p-6 dark:border-red-900"
        >
          <h2 id="delete-heading" className="text-lg font-semibold">
            Delete task
          </h2>
          <p className="muted mt-1 text-sm">
            Deleting a task removes it from your lists. You can undo it for {UNDO_MINUTES} minutes afterwards.
          </p>
          {/* A disclosure asks for confirmation without JavaScript: the delete button is one
            deliberate step away. */}
          <details className="group mt-4">
            <summary className="inline-flex cursor-pointer list-none items-center gap-2 rounded-lg border border-red-300 bg-white px-4 py-2.5 text-sm font-semibold text-red-700 hover:bg-red-50 dark:border-red-800 dark:bg-transparent dark:text-red-300 dark:hover:bg-red-950 [&::-webkit-details-marker]:hidden">
              Delete this task…
            </summary>
            <div className="mt-4 rounded-xl bg-red-50 p-4 dark:bg-red-950/60">
              <p className="text-sm font-medium text-red-900 dark:text-red-100">
                Delete “<span className="break-words">{task.title}</span>”?
              </p>
              <Form method="post" className="mt-3 flex flex-wrap items-center gap-3">
                <button type="submit" name="intent" value="delete" disabled={deleting} className={dangerButtonClass}>
                  {deleting && <Spinner />}
                  {deleting ? "Deleting…" : "Yes, delete it"}
                </button>
              </Form>
            </div>
          </details>
        </section>
      )}
    </div>
  );
}

/**
 * A one-click change (from a list, without JavaScript) met a newer version: say what the task
 * is now and offer to apply the change anyway, or to go back to the list unchanged.
 */
function QuickConflict({
  sectionRef,
  current,
  values,
  backTo,
  assigneeLabel,
}: {
  sectionRef: Ref<HTMLElement>;
  current: Task;
  values: Partial<Record<string, string>>;
  backTo: string;
  assigneeLabel: (id: string | undefined) => string | undefined;
}) {
  const intent = values.intent === "priority" || values.intent === "assignee" ? values.intent : "status";
  const name = intent === "assignee" ? "assigneeId" : intent;
  const wanted =
    intent === "status"
      ? STATUS_LABELS[values.status as Task["status"]]
      : intent === "priority"
        ? PRIORITY_LABELS[values.priority as Task["priority"]]
        : assigneeLabel(values.assigneeId);
  return (
    <section
      ref={sectionRef}
      tabIndex={-1}
      aria-labelledby="conflict-heading"
      className="notice rounded-2xl border p-5"
    >
      <h2 id="conflict-heading" className="font-semibold">
        This task was changed since your list was loaded
      </h2>
      <p className="mt-1 text-sm">
        Your change ({intent} to “{wanted ?? "?"}”) was not saved. The task above is as it is now: status{" "}
        {STATUS_LABELS[current.status]}, priority {PRIORITY_LABELS[current.priority].toLowerCase()}.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Form method="post">
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name={name} value={values[name] ?? ""} />
          <input type="hidden" name="version" value={current.version} />
          <input type="hidden" name={`base.${name}`} value={current[name] ?? ""} />
          <input type="hidden" name="returnTo" value={backTo} />
          <button type="submit" className={primaryButtonClass}>
            Set {intent} to {wanted ?? "?"} anyway
          </button>
        </Form>
        <Link to={backTo} className="text-sm font-semibold text-amber-950 underline dark:text-amber-50">
          Back to your list without changing it
        </Link>
      </div>
    </section>
  );
}

/** Shown only after a live reload, so loaded then: neither a page's first load nor a cold start carries it. */
const ChangedElsewhere = lazy(() => import("#app/components/changed-elsewhere.tsx"));

/** A field's value as the conflict and the "changed elsewhere" notices show it. */
function fieldValue(task: Task, field: EditField, today: string): ReactNode {
  if (field === "status") return <StatusBadge status={task.status} />;
  if (field === "priority") return <PriorityBadge priority={task.priority} />;
  if (field === "dueDate") return task.dueDate ? formatCalendarDate(task.dueDate, today) : "No due date";
  if (field === "description") return task.description || "No description";
  if (field === "dueTime") return task.dueTime || "No time";
  if (field === "repeat") return repeatText(task) || "Does not repeat";
  if (field === "labels") return task.labels?.join(", ") || "No labels";
  return task.title;
}

type ShownField = EditField | "assignee";

/**
 * The task as its edit form was opened. A live reload (a change elsewhere, heard over the
 * socket) brings a newer task without a navigation: the form stays on the version it was opened
 * at (what the user typed, focus, and the version and base a save is checked and merged
 * against), and `changed` names the form's fields that differ. A navigation (this page's own
 * save, another task) starts afresh, as does a newer version that changed none of the form's
 * fields (a checklist change). `choose("theirs")` puts the form on the task as it is now;
 * `choose("mine")` keeps the form and hides the notice until another change comes.
 *
 * A refused save (`answered`: the page shows an action's answer) arrives as a new location too,
 * but is not a fresh start: its errors show while the page's data reloads, the user may already
 * be correcting a field then, and a new form would put back what was sent.
 */
function useOpenedTask(task: Task, answered: boolean) {
  const { key: location } = useLocation();
  const [seen, setSeen] = useState({ location, key: location });
  let key = seen.key;
  if (seen.location !== location) {
    key = answered ? seen.key : location;
    setSeen({ location, key });
  }
  const [opened, setOpened] = useState({ key, task, kept: 0, theirs: 0 });
  const before = opened.task;
  const changed = EDIT_FIELDS.filter(
    (field) => editValuesOf(before)[field] !== editValuesOf(task)[field],
  ) as ShownField[];
  if ((before.assigneeId ?? "") !== (task.assigneeId ?? "")) changed.push("assignee");
  const fresh = opened.key !== key || before.id !== task.id || task.version <= before.version || !changed.length;
  if (fresh && before !== task) setOpened({ ...opened, key, task, kept: 0 });
  return {
    task: fresh ? task : before,
    changed: fresh || opened.kept >= task.version ? [] : changed,
    // The form starts afresh on a navigation and on "Use theirs", not on a newer version of the
    // same fields (the version and base it sends follow: they are controlled).
    formKey: `${key}:${opened.theirs}`,
    choose: (choice: "theirs" | "mine") => {
      setOpened(
        choice === "theirs" ? { key, task, kept: 0, theirs: opened.theirs + 1 } : { ...opened, kept: task.version },
      );
      // The buttons go: the form's first field takes focus.
      setTimeout(() => document.getElementById("edit-title")?.focus());
    },
  };
}

const FIELD_NAMES: Record<EditField, string> = {
  title: "Title",
  description: "Description",
  status: "Status",
  dueDate: "Due",
  dueTime: "Due time",
  repeat: "Repeat",
  labels: "Labels",
  priority: "Priority",
};

/**
 * An edit met a newer version: which fields the other change touched, their values now, and
 * what the form below holds (their change where the user left a field alone, the user's where
 * both changed it), so "Save again" overwrites only what the user meant to.
 */
function EditConflict({
  sectionRef,
  current,
  merge,
  today,
}: {
  sectionRef: Ref<HTMLElement>;
  current: Task;
  merge: TaskActionResult["merge"];
  today: string;
}) {
  const changed = merge?.changedElsewhere ?? EDIT_FIELDS;
  const clashes = new Set<EditField>(merge?.clashes ?? EDIT_FIELDS);
  const value = (field: EditField) => fieldValue(current, field, today);
  return (
    <section
      ref={sectionRef}
      tabIndex={-1}
      aria-labelledby="conflict-heading"
      className="notice rounded-2xl border p-5"
    >
      <h2 id="conflict-heading" className="font-semibold">
        Someone else changed this task
      </h2>
      <p className="mt-1 text-sm">
        Your changes were not saved yet. Below is what they changed. The form keeps their changes to the fields you left
        alone, and your version where you both changed one: save again to keep it.
      </p>
      {changed.length > 0 && (
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {changed.map((field) => (
            <Fragment key={field}>
              <dt className="font-semibold">{FIELD_NAMES[field]}</dt>
              <dd data-conflict-field={field} className="min-w-0 break-words whitespace-pre-wrap">
                {value(field)}{" "}
                <span className="text-xs font-semibold">
                  {clashes.has(field) ? "(you changed it too: the form has yours)" : "(kept in the form)"}
                </span>
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
    </section>
  );
}
