import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { FieldError, FormAlert } from "#app/components/form-field.tsx";
import { Icon } from "#app/components/icons.tsx";
import { MENU_NAME } from "#app/components/use-closing-menus.ts";
import type { FieldErrors } from "#src/errors.ts";
import { SUBTASKS_MAX, type Subtask } from "#src/tasks/task-constants.ts";

/**
 * A task's checklist on its page. Every control is a plain form posting to the task page's
 * action with an intent (`subtask-add`, `-done`, `-rename`, `-move`, `-remove`) and the version
 * shown, so it all works without JavaScript (303 back to #subtasks). With JavaScript the same
 * forms submit in place: while one is on its way the others wait (a second change would carry
 * the old version and be refused as a conflict), and focus stays where the change happened.
 */

/** What the action answered about a refused checklist change. */
export interface SubtaskFailure {
  formError?: string;
  fieldErrors?: FieldErrors;
  values?: Partial<Record<string, string>>;
}

const INTENT = "subtask-";

function SubtaskForm({
  intent,
  subtask,
  version,
  onSubmit,
  className,
  children,
}: {
  intent: string;
  subtask?: string;
  version: number;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" preventScrollReset onSubmit={onSubmit} className={className}>
      <input type="hidden" name="intent" value={`${INTENT}${intent}`} />
      {subtask && <input type="hidden" name="subtask" value={subtask} />}
      <input type="hidden" name="version" value={version} />
      {children}
    </Form>
  );
}

export function SubtaskList({
  subtasks,
  version,
  canEdit,
  failure,
}: {
  subtasks: Subtask[];
  /** The version the checklist shows (after a conflict, the one stored now). */
  version: number;
  canEdit: boolean;
  failure?: SubtaskFailure;
}) {
  const navigation = useNavigation();
  const pendingIntent = navigation.formData?.get("intent");
  const pending = navigation.state !== "idle" && typeof pendingIntent === "string" && pendingIntent.startsWith(INTENT);
  // Where focus goes once the change is shown: "add" (the new-step field), or a control's id.
  const focusNext = useRef<string | null>(null);
  const addRef = useRef<HTMLInputElement>(null);
  const done = subtasks.filter((subtask) => subtask.done).length;
  const failedOn = failure?.values?.subtask;
  const failedIntent = failure?.values?.intent;
  const titleError = failure?.fieldErrors?.title?.[0];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // One change at a time: the next one needs the version this one makes.
    if (pending) {
      event.preventDefault();
      return;
    }
    const form = event.currentTarget;
    const intent = String(new FormData(form).get("intent")).slice(INTENT.length);
    const id = String(new FormData(form).get("subtask") ?? "");
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (intent === "add") focusNext.current = "add";
    else if (intent === "remove") {
      const item = form.closest("li");
      const neighbour = item?.nextElementSibling ?? item?.previousElementSibling;
      focusNext.current = neighbour instanceof HTMLElement ? `subtask-toggle-${neighbour.dataset.subtask}` : "add";
    } else if (intent === "move") focusNext.current = submitter?.id ?? null;
    else focusNext.current = `subtask-toggle-${id}`;
    // A rename's panel closes; its summary would be the natural place, but the step's toggle
    // says what changed.
    const panel = form.closest("details");
    if (panel && intent === "rename") panel.open = false;
  }

  useEffect(() => {
    if (pending || !focusNext.current) return;
    const id = focusNext.current;
    focusNext.current = null;
    let target = id === "add" ? addRef.current : document.getElementById(id);
    // A step moved to the top or bottom: its other move button (this one is disabled now).
    if (target instanceof HTMLButtonElement && target.disabled)
      target = document.getElementById(
        id.includes("-up-") ? id.replace("-up-", "-down-") : id.replace("-down-", "-up-"),
      );
    (target ?? addRef.current)?.focus();
  }, [pending, version]);

  return (
    <section id="subtasks" aria-labelledby="subtasks-heading" className="card scroll-mt-4 p-5 sm:p-6">
      <h2 id="subtasks-heading" className="flex items-baseline gap-2 text-lg font-semibold">
        Sub-tasks
        {subtasks.length > 0 && (
          <span className="muted text-sm font-medium">
            {done}/{subtasks.length}
            <span className="sr-only"> done</span>
          </span>
        )}
      </h2>
      {failure && !titleError && <FormAlert message={failure.formError} />}
      {subtasks.length === 0 && <p className="muted mt-2 text-sm">No sub-tasks yet.</p>}
      {subtasks.length > 0 && (
        <ol
          aria-busy={pending || undefined}
          className="mt-3 divide-y aria-busy:cursor-wait aria-busy:opacity-70 divide-slate-200 dark:divide-slate-800"
        >
          {subtasks.map((subtask, index) => (
            <li key={subtask.id} data-subtask={subtask.id} className="flex items-start gap-3 py-2">
              {canEdit ? (
                <>
                  <SubtaskForm
                    intent="done"
                    subtask={subtask.id}
                    version={version}
                    onSubmit={onSubmit}
                    className="min-w-0 flex-1"
                  >
                    <input type="hidden" name="done" value={subtask.done ? "false" : "true"} />
                    <button
                      type="submit"
                      id={`subtask-toggle-${subtask.id}`}
                      aria-pressed={subtask.done}
                      className="flex w-full items-start gap-3 rounded-md text-left"
                    >
                      <span data-done={subtask.done || undefined} className="done-toggle mt-px shrink-0">
                        <Icon name="check" className="size-3.5" />
                      </span>
                      <span
                        data-done={subtask.done || undefined}
                        className="min-w-0 pt-0.5 break-words data-[done]:text-slate-600 data-[done]:line-through dark:data-[done]:text-slate-400"
                      >
                        {subtask.title}
                      </span>
                    </button>
                  </SubtaskForm>
                  <details
                    name={MENU_NAME}
                    open={failedOn === subtask.id && failedIntent === `${INTENT}rename` ? true : undefined}
                    className="group relative shrink-0"
                  >
                    <summary aria-label={`Edit “${subtask.title}”`} className="btn-compact px-2 py-1 text-xs">
                      Edit
                      <Icon name="chevron-down" className="size-3 group-open:rotate-180" />
                    </summary>
                    <div className="menu-panel right-0 w-72 max-w-[calc(100vw-3rem)] space-y-3 p-3">
                      <SubtaskForm intent="rename" subtask={subtask.id} version={version} onSubmit={onSubmit}>
                        <label htmlFor={`subtask-title-${subtask.id}`} className="text-sm font-medium">
                          Rename
                        </label>
                        <div className="flex items-start gap-2">
                          <input
                            id={`subtask-title-${subtask.id}`}
                            name="title"
                            defaultValue={
                              failedOn === subtask.id && failure?.values?.title !== undefined
                                ? failure.values.title
                                : subtask.title
                            }
                            required
                            maxLength={400}
                            autoComplete="off"
                            aria-invalid={failedOn === subtask.id && titleError ? true : undefined}
                            aria-describedby={
                              failedOn === subtask.id && titleError ? `subtask-title-${subtask.id}-error` : undefined
                            }
                            className="input mt-1 text-sm"
                          />
                          <button type="submit" className="btn btn-primary mt-1 px-3 py-2">
                            Save
                          </button>
                        </div>
                        {failedOn === subtask.id && titleError && (
                          <FieldError id={`subtask-title-${subtask.id}-error`} messages={[titleError]} />
                        )}
                      </SubtaskForm>
                      <div className="flex flex-wrap gap-2">
                        {(
                          [
                            ["up", "Move up", index === 0],
                            ["down", "Move down", index === subtasks.length - 1],
                          ] as const
                        ).map(([way, label, disabled]) => (
                          <SubtaskForm
                            key={way}
                            intent="move"
                            subtask={subtask.id}
                            version={version}
                            onSubmit={onSubmit}
                          >
                            <button
                              type="submit"
                              name="move"
                              value={way}
                              id={`subtask-${way}-${subtask.id}`}
                              disabled={disabled}
                              className="board-move text-sm"
                            >
                              {label}
                            </button>
                          </SubtaskForm>
                        ))}
                        <SubtaskForm intent="remove" subtask={subtask.id} version={version} onSubmit={onSubmit}>
                          <button
                            type="submit"
                            className="rounded-md border border-red-300 px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
                          >
                            Remove
                          </button>
                        </SubtaskForm>
                      </div>
                    </div>
                  </details>
                </>
              ) : (
                <p className="flex min-w-0 items-start gap-3">
                  <span data-done={subtask.done || undefined} className="done-toggle mt-px shrink-0">
                    <Icon name="check" className="size-3.5" />
                  </span>
                  <span
                    data-done={subtask.done || undefined}
                    className="min-w-0 pt-0.5 break-words data-[done]:text-slate-600 data-[done]:line-through dark:data-[done]:text-slate-400"
                  >
                    {subtask.title}
                    <span className="sr-only">{subtask.done ? " (done)" : " (not done)"}</span>
                  </span>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {canEdit &&
        (subtasks.length < SUBTASKS_MAX ? (
          <SubtaskForm intent="add" version={version} onSubmit={onSubmit} className="mt-4">
            <label htmlFor="subtask-new" className="text-sm font-medium">
              Add a sub-task
            </label>
            <div className="flex items-start gap-2">
              <input
                ref={addRef}
                id="subtask-new"
                key={version}
                name="title"
                defaultValue={failedIntent === `${INTENT}add` ? (failure?.values?.title ?? "") : ""}
                required
                maxLength={400}
                autoComplete="off"
                aria-invalid={failedIntent === `${INTENT}add` && titleError ? true : undefined}
                aria-describedby={failedIntent === `${INTENT}add` && titleError ? "subtask-new-error" : undefined}
                className="input"
              />
              <button type="submit" className="btn btn-secondary mt-1.5 shrink-0">
                <Icon name="plus" className="size-4" />
                Add
              </button>
            </div>
            {failedIntent === `${INTENT}add` && titleError && (
              <FieldError id="subtask-new-error" messages={[titleError]} />
            )}
          </SubtaskForm>
        ) : (
          <p className="muted mt-4 text-sm">This task has {SUBTASKS_MAX} sub-tasks, as many as a task can hold.</p>
        ))}
    </section>
  );
}
