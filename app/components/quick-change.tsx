import { useFetcher } from "@remix-run/react";
import { createContext, useContext, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { PRIORITY_LABELS, STATUS_LABELS } from "#app/task-display.ts";
import type { Task, TaskPriority, TaskStatus } from "#src/tasks/task-constants.ts";

/**
 * One-click changes (status, priority) are small forms posting to /tasks/:id. Without
 * JavaScript they are plain forms: the server answers 303 back to the page they came from.
 * With it, a fetcher posts the same form plus `respond=data`, the page shows the change at once
 * (optimistic) and, if the server refuses it, shows the task as it is and says why.
 */
export interface QuickChangeResult {
  ok: boolean;
  task?: Task;
  current?: Task;
  formError?: string;
}

type Change = { status?: TaskStatus; priority?: TaskPriority };

const AnnounceContext = createContext<(message: string) => void>(() => {});

/** A polite live region (visible) for what one-click changes did or could not do. */
export function QuickChangeAnnouncer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<{ text: string; id: number } | null>(null);
  return (
    <AnnounceContext.Provider value={(text) => setMessage({ text, id: Date.now() })}>
      <div role="status" aria-live="polite" className="empty:hidden">
        {message && (
          <p
            key={message.id}
            data-quick-message
            className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm font-medium text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
          >
            {message.text}
          </p>
        )}
      </div>
      {children}
    </AnnounceContext.Provider>
  );
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
  const fetcher = useFetcher<QuickChangeResult>({ key: `quick-change-${task.id}` });
  const announce = useContext(AnnounceContext);
  const pending: Change = {};
  if (fetcher.state !== "idle" && fetcher.formData) {
    const status = fetcher.formData.get("status");
    const priority = fetcher.formData.get("priority");
    if (typeof status === "string") pending.status = status as TaskStatus;
    if (typeof priority === "string") pending.priority = priority as TaskPriority;
  }
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const announced = useRef<QuickChangeResult | undefined>(undefined);
  useEffect(() => {
    if (!result || announced.current === result) return;
    announced.current = result;
    if (!result.ok) announce(describeRefusal(task, result));
  }, [result, task, announce]);

  // A change saved but not yet reloaded: the next click must carry the new version.
  const saved = result?.ok ? result.task : undefined;
  const version = saved && saved.version > task.version ? saved.version : task.version;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(form, submitter instanceof HTMLButtonElement ? submitter : null);
    data.set("respond", "data");
    data.set("version", String(version));
    fetcher.submit(data, { method: "post", action: form.getAttribute("action") ?? undefined });
    form.closest("details")?.removeAttribute("open");
  }

  return {
    status: pending.status ?? task.status,
    priority: pending.priority ?? task.priority,
    busy: fetcher.state !== "idle",
    version,
    onSubmit,
  };
}

/**
 * A form for one-click changes to one task; its buttons carry the field and value
 * (`status=done`, `priority=high`), so one form serves every button of a row.
 */
export function QuickChangeForm({
  task,
  returnTo,
  version,
  onSubmit,
  className,
  children,
}: {
  task: Task;
  returnTo: string;
  version: number;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form method="post" action={`/tasks/${task.id}`} onSubmit={onSubmit} className={className}>
      <input type="hidden" name="intent" value="quick" />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="returnTo" value={returnTo} />
      {children}
    </form>
  );
}
