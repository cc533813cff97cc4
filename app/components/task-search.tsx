import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { linkClass } from "#app/components/view-controls.tsx";
import { SEARCH_MAX, type TextPart } from "#src/tasks/task-search.ts";
import { Icon } from "#app/components/icons.tsx";

interface SearchView {
  /** The page searched: "/tasks" (every list) or "/lists/<id>". */
  base?: string;
  q?: string;
}

/**
 * The search field of a list: a plain GET form to /tasks that keeps the view (status, sort,
 * due, assignee, label: `keeps`, from the server's words) in hidden fields and starts again at the first page. With JavaScript, "/" focuses it
 * (one of the list's keyboard shortcuts, keyboard-shortcuts.tsx, which the user can switch off).
 */
export function SearchForm({ view, keeps }: { view: SearchView; keeps: [string, string][] }) {
  // Uncontrolled, so words typed before the page hydrates are kept. A navigation (a link, Back)
  // changes the search without remounting the form: then the field shows the new one.
  const input = useRef<HTMLInputElement>(null);
  const shown = useRef(view.q);
  useEffect(() => {
    if (shown.current === view.q || !input.current) return;
    shown.current = view.q;
    input.current.value = view.q ?? "";
  }, [view.q]);

  return (
    <Form
      method="get"
      action={view.base ?? "/tasks"}
      role="search"
      aria-label="Tasks"
      className="flex w-full gap-2 sm:max-w-md"
    >
      {keeps.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor="task-search" className="sr-only">
        Search tasks
      </label>
      <input
        id="task-search"
        type="search"
        name="q"
        ref={input}
        defaultValue={view.q}
        maxLength={SEARCH_MAX}
        placeholder="Search tasks"
        aria-keyshortcuts="/"
        autoComplete="off"
        className="input mt-0 min-w-0 py-1.5 text-sm"
      />
      <button type="submit" className="btn-compact shrink-0">
        <Icon name="search" className="size-4" />
        Search
      </button>
    </Form>
  );
}

const markClass = "search-mark";

function Parts({ parts }: { parts: TextPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.mark ? (
          <mark key={i} className={markClass}>
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

/** Text with the starts of the words a search matched in `<mark>` (parts from the server), or plain. */
export function MarkedText({ text, parts }: { text: string; parts?: TextPart[] | null }) {
  return parts ? <Parts parts={parts} /> : <>{text}</>;
}

/** Above the rows, what narrows the view (a search, a label; worded on the server), and a way out. */
export function FilterNote({ message, clear }: { message: string; clear: { to: string; text: string } }) {
  return (
    <p role="status" className="muted text-sm">
      {message}{" "}
      <Link to={clear.to} className={linkClass}>
        {clear.text}
      </Link>
    </p>
  );
}
