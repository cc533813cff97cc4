import { Form } from "@remix-run/react";
import { useState, type Ref } from "react";
import type { QuickAddPreview } from "#app/components/quick-add-preview.tsx";
import { FormAlert, Spinner, primaryButtonClass } from "#app/components/form-field.tsx";
import { TitleField } from "#app/components/title-field.tsx";
import { PlusIcon } from "#app/components/view-controls.tsx";
import type { FieldErrors } from "#src/errors.ts";

/**
 * A one-line add (title, Enter) with the other fields behind "More options", which the server
 * renders as HTML (components/more-options.tsx, app/.server/more-options.ts): a <details> that
 * works without JavaScript, opening by itself on an error or a value the user typed.
 */
export function QuickAdd({
  title,
  fieldErrors,
  formError,
  adding,
  returnTo,
  moreOptions,
  formRef,
  formToken,
  timeZone,
  action,
}: {
  /** The title as typed, after a refusal. */
  title?: string;
  fieldErrors?: FieldErrors;
  formError?: string;
  adding: boolean;
  returnTo: string;
  /** "More options" as HTML: the loader's, or a refused add's with what was typed and why. */
  moreOptions: string;
  formRef?: Ref<HTMLFormElement>;
  /** One per rendered form: the server makes one task however often this submission repeats. */
  formToken: string;
  /** The user's zone (null until they have one), for the preview of what the title says. */
  timeZone: string | null;
  /** Where the form posts: the page's own path ("/tasks" or "/lists/<id>"). */
  action: string;
}) {
  // What the title says ("Tomorrow · Urgent"), under the field: its code and the parser load on
  // the first focus of the field (typing needs focus), not with the page. Failing to load
  // leaves the form as it is: the server understands the same words.
  const [Preview, setPreview] = useState<typeof QuickAddPreview>();
  const loadPreview = (target: EventTarget) =>
    Preview ||
    (target as Element).id !== "new-title" ||
    import("#app/components/quick-add-preview.tsx").then(
      (module) => setPreview(() => module.QuickAddPreview),
      () => undefined,
    );
  return (
    <section aria-labelledby="new-task-heading" className="card p-3 sm:p-5">
      <h2 id="new-task-heading" className="sr-only">
        Add a task
      </h2>
      <Form
        ref={formRef}
        method="post"
        // The list's own URL with its view: after an error the page keeps its view.
        action={returnTo.split("?")[0] === action ? returnTo : action}
        noValidate
        // With JavaScript the form empties once sent (the list shows the task at once) and the
        // title keeps focus for the next one; tasks.tsx puts a refused title back. Emptied just
        // after this handler, which is when the submission's form data is read.
        onSubmit={(event) => {
          const form = event.currentTarget;
          setTimeout(() => {
            form.reset();
            (form.elements.namedItem("title") as HTMLInputElement).value = "";
          });
        }}
        onFocus={(event) => loadPreview(event.target)}
        aria-busy={adding || undefined}
        className="space-y-3"
      >
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="formToken" value={formToken} />
        <FormAlert message={formError} />
        {/* On a phone one row: the field (its placeholder says what it is) and a "+" button. */}
        <div className="flex items-start gap-2 sm:gap-3">
          <TitleField idPrefix="new" value={title} fieldErrors={fieldErrors} />
          <button type="submit" disabled={adding} className={`${primaryButtonClass} quick-add-button`}>
            {adding ? <Spinner /> : <PlusIcon />}
            <span>{adding ? "Adding…" : "Add task"}</span>
          </button>
        </div>
        {Preview && <Preview timeZone={timeZone} />}
        <div dangerouslySetInnerHTML={{ __html: moreOptions }} />
      </Form>
      {/* On a phone, an add button in reach wherever the list is scrolled to (the browser
          focuses the field the link names). */}
      <a href="#new-title" className="fab">
        <PlusIcon />
        <span className="sr-only">Add a task</span>
      </a>
    </section>
  );
}
