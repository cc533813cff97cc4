import { useFetcher } from "@remix-run/react";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from "react";
import { PRIORITY_LABELS, STATUS_LABELS } from "#app/task-display.ts";
import { taskPath } from "#app/task-urls.ts";
import type { Task, TaskPriority, TaskStatus } from "#src/tasks/task-constants.ts";

/**
 * One-click changes (status, priority) are small forms posting to /tasks/:id, with the values
 * the page shows (`base.status`, `base.priority`): a change applies unless someone changed that
 * very field since (changeOneField in task-service.ts). Without JavaScript they are plain
 * forms: the server answers 303 back to the page they came from.
 * With it, a fetcher posts the same form plus `respond=data`, the page shows the change at once
 * (optimistic) and, if the server refuses it, shows the task as it is and says why.
 */
export interface QuickChangeResult {
  ok: boolean;
  task?: Task;
  current?: Task;
  formError?: string;
  /** Completing a recurring task moved it to its next date (task.dueDate), in words ("Wed 9 Dec"). */
  repeated?: string;
  /** The list it was moved to ("Move to…"). */
  movedTo?: string;
  /** What the change did, worded by the server for screen readers (an assignment: "Assigned “Mow” to ana@…"). */
  said?: string;
}

type Change = { status?: TaskStatus; priority?: TaskPriority };

/**
 * Where focus goes if the task's row or card goes away under it (a filtered list it no longer
 * belongs to, a board column it left): the task's own element if it moved, else its neighbours.
 */
interface FocusPlan {
  taskId: string;
  next?: string;
  previous?: string;
}

/** Starts watching a task's one-click change until its answer comes (called on each submit). */
const WatchContext = createContext<(task: Task, focus?: FocusPlan) => void>(() => {});

/** The first control of a task's row or card that can take focus. */
function focusTarget(taskId: string | undefined): HTMLElement | null {
  if (!taskId) return null;
  const item = document.querySelector(`[data-task-id="${CSS.escape(taskId)}"]`);
  return item?.querySelector<HTMLElement>(".done-toggle, a[href], button:not([disabled])") ?? null;
}

/** Focus lost to the page (its element was removed): back to the task, or where it was. */
function restoreFocus(plan: FocusPlan): boolean {
  const active = document.activeElement;
  if (active && active !== document.body) return false;
  const target = focusTarget(plan.taskId) ?? focusTarget(plan.next) ?? focusTarget(plan.previous);
  target?.focus();
  return Boolean(target);
}

const KEY_PREFIX = "quick-change-";

/** The fetcher key of a task's one-click changes, shared by its forms wherever they render. */
export const quickChangeKey = (taskId: string) => `${KEY_PREFIX}${taskId}`;

/** The task a fetcher key's one-click changes are for, if it is such a key. */
export const quickChangeTaskId = (key: string) =>
  key.startsWith(KEY_PREFIX) ? key.slice(KEY_PREFIX.length) : undefined;

/**
 * A polite live region (visible) for what one-click changes did or could not do. It watches
 * each change in flight itself, with the change's fetcher, rather than leaving that to the row
 * or card that sent it: a refused change can move its card to another column (or out of a
 * filtered list) in the same render that brings the answer, and the component that sent it is
 * then gone. Its own watcher keeps the fetcher's answer alive until it has been read.
 */
export function QuickChangeAnnouncer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<{ text: string; id: number } | null>(null);
  // What a change that went through did, for screen readers (the page shows it already).
  const [done, setDone] = useState<{ text: string; id: number } | null>(null);
  const [watched, setWatched] = useState<Task[]>([]);
  const focusPlan = useRef<FocusPlan | null>(null);
  const watch = useCallback((task: Task, focus?: FocusPlan) => {
    focusPlan.current = focus ?? null;
    setWatched((tasks) => [...tasks.filter((other) => other.id !== task.id), task]);
  }, []);
  const answered = useCallback((task: Task, result: QuickChangeResult) => {
    setWatched((tasks) => tasks.filter((other) => other.id !== task.id));
    if (!result.ok) setMessage({ text: describeRefusal(task, result), id: Date.now() });
    else if (result.task) {
      const text = result.said ?? describeChange(task, result.task, result.repeated);
      if (text) setDone({ text, id: Date.now() });
    }
    // The answer brings the page's new state: the last moment focus can have been lost.
    if (focusPlan.current?.taskId === task.id) {
      restoreFocus(focusPlan.current);
      focusPlan.current = null;
    }
  }, []);
  // A card that moves to another column does so at once, before any answer.
  useEffect(() => {
    if (focusPlan.current && restoreFocus(focusPlan.current)) focusPlan.current = null;
  });
  return (
    <WatchContext.Provider value={watch}>
      <div role="status" aria-live="polite" className="empty:hidden">
        {message && (
          <p key={message.id} data-quick-message className="alert notice py-2">
            {message.text}
          </p>
        )}
      </div>
      <p role="status" aria-live="polite" className="sr-only" data-quick-done>
        {done && <span key={done.id}>{done.text}</span>}
      </p>
      {watched.map((task) => (
        <ChangeWatcher key={task.id} task={task} onAnswer={answered} />
      ))}
      {children}
    </WatchContext.Provider>
  );
}

/** Waits for the answer to one task's change in flight (renders nothing). */
function ChangeWatcher({ task, onAnswer }: { task: Task; onAnswer: (task: Task, result: QuickChangeResult) => void }) {
  const fetcher = useFetcher<QuickChangeResult>({ key: quickChangeKey(task.id) });
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  useEffect(() => {
    if (result) onAnswer(task, result);
  }, [result, task, onAnswer]);
  return null;
}

function describeChange(before: Task, after: Task, repeated?: string): string | undefined {
  if (repeated) return `Completed “${after.title}”; it repeats, next on ${repeated}.`;
  if (after.status !== before.status) return `Moved “${after.title}” to ${STATUS_LABELS[after.status]}.`;
  if (after.priority !== before.priority)
    return `Set the priority of “${after.title}” to ${PRIORITY_LABELS[after.priority]}.`;
  return undefined;
}

function describeRefusal(task: Task, result: QuickChangeResult): string {
  if (result.current) {
    return `“${task.title}” was changed elsewhere, so your change was not saved. It is now ${STATUS_LABELS[result.current.status]}, ${PRIORITY_LABELS[result.current.priority].toLowerCase()}.`;
  }
  return `Couldn't change “${task.title}”: ${result.formError ?? "please try again."}`;
}

/**
 * The state of one task's one-click changes: what to show while one is in flight, the version
 * to send next, and a submit handler for its forms.
 */
export function useQuickChange(task: Task) {
  const fetcher = useFetcher<QuickChangeResult>({ key: quickChangeKey(task.id) });
  const watch = useContext(WatchContext);
  const pending: Change = {};
  if (fetcher.state !== "idle" && fetcher.formData) {
    const status = fetcher.formData.get("status");
    const priority = fetcher.formData.get("priority");
    if (typeof status === "string") pending.status = status as TaskStatus;
    if (typeof priority === "string") pending.priority = priority as TaskPriority;
  }
  const result = fetcher.state === "idle" ? fetcher.data : undefined;

  // A change saved but not yet reloaded: the next click must carry the new version and values.
  const saved = result?.ok ? result.task : undefined;
  const seen = saved && saved.version > task.version ? saved : task;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(form, submitter instanceof HTMLButtonElement ? submitter : null);
    data.set("respond", "data");
    // Submitted first, so the watcher starts on this change, not on the previous answer.
    fetcher.submit(data, { method: "post", action: form.getAttribute("action") ?? undefined });
    const item = form.closest<HTMLElement>("[data-task-id]");
    const focused = item?.contains(document.activeElement) ?? false;
    const neighbour = (element: Element | null | undefined) =>
      element instanceof HTMLElement ? element.dataset.taskId : undefined;
    watch(
      task,
      focused
        ? {
            taskId: task.id,
            next: neighbour(item?.nextElementSibling),
            previous: neighbour(item?.previousElementSibling),
          }
        : undefined,
    );
    // The menu the choice was made in closes, and its button takes focus back from the item.
    const menu = (submitter instanceof HTMLElement ? submitter : form).closest("details");
    if (menu?.open) {
      menu.open = false;
      if (focused) menu.querySelector("summary")?.focus();
    }
  }

  return {
    status: pending.status ?? task.status,
    priority: pending.priority ?? task.priority,
    busy: fetcher.state !== "idle",
    seen,
    onSubmit,
  };
}

/**
 * A form for one-click changes to one task; its buttons carry the field and value
 * (`status=done`, `priority=high`), so one form serves every button of a row.
 */
export function QuickChangeForm({
  returnTo,
  seen,
  onSubmit,
  className,
  children,
}: {
  returnTo: string;
  /**
   * The task as the page shows it (a change saved but not yet reloaded included): where the
   * change goes, and the version and status (`base.status`) it is based on; a form that
   * changes more (a row's priority) adds that field's (`base.priority`) among its children.
   */
  seen: Task;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form method="post" action={taskPath(seen)} onSubmit={onSubmit} className={className}>
      <input type="hidden" name="intent" value="quick" />
      <input type="hidden" name="version" value={seen.version} />
      <input type="hidden" name="base.status" value={seen.status} />
      <input type="hidden" name="returnTo" value={returnTo} />
      {children}
    </form>
  );
}
