import { Form, useLocation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { secondaryButtonClass } from "#app/components/form-field.tsx";
import { useAfterNavigation } from "#app/components/use-after-navigation.ts";
import { PRIORITY_OPTIONS, STATUS_OPTIONS } from "#app/task-display.ts";

/** The form the row checkboxes belong to (by their `form` attribute: rows hold forms of their own). */
export const BULK_FORM_ID = "bulk-actions";

const labelClass = "bulk-label";

const BUTTON_WORDS: Record<string, string> = {
  status: "Set the status of ",
  priority: "Set the priority of ",
  due: "Set the due date of ",
  move: "Move ",
  delete: "Delete ",
};

/** The row checkboxes on this page (they belong to the bulk form). */
export function rowBoxes(): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[name=ids][form=${BULK_FORM_ID}]`)];
}

/**
 * Changes the selected tasks of this page at once: a plain form (`POST /tasks/bulk`) that the
 * row checkboxes belong to, so it works without JavaScript. Its actions show once a task is
 * ticked, and then only the value field the chosen action needs (CSS, `.bulk-control` and
 * `.bulk-value` in tailwind.css, with or without JavaScript). With JavaScript, "select all" and
 * a count of the selection.
 */
export function BulkToolbar({ returnTo, bulkMove }: { returnTo: string; bulkMove?: string }) {
  const location = useLocation();
  const [enhanced, setEnhanced] = useState(false);
  const [selected, setSelected] = useState(0);
  const [total, setTotal] = useState(0);
  const [action, setAction] = useState("status");
  const selectAll = useRef<HTMLInputElement>(null);

  const recount = useCallback(() => {
    const boxes = rowBoxes();
    const checked = boxes.filter((box) => box.checked).length;
    setSelected(checked);
    setTotal(boxes.length);
    setAction((document.getElementById("bulk-action") as HTMLSelectElement).value);
    if (selectAll.current) {
      selectAll.current.checked = checked > 0 && checked === boxes.length;
      selectAll.current.indeterminate = checked > 0 && checked < boxes.length;
    }
  }, []);

  useEffect(() => {
    setEnhanced(true);
    const onChange = (event: Event) => {
      const target = event.target as HTMLInputElement | null;
      if ((target?.name === "ids" && target.getAttribute("form") === BULK_FORM_ID) || target?.id === "bulk-action")
        recount();
    };
    document.addEventListener("change", onChange);
    return () => document.removeEventListener("change", onChange);
  }, [recount]);

  // A new page (or the same one after an action) starts with nothing selected; boxes ticked
  // before this page hydrated stay ticked. Counted on each page, and once "select all" is there.
  useAfterNavigation(() => {
    for (const box of rowBoxes()) box.checked = false;
  });
  useEffect(recount, [location.key, recount, enhanced]);

  const toggleAll = (checked: boolean) => {
    for (const box of rowBoxes()) box.checked = checked;
    recount();
  };

  return (
    <Form
      id={BULK_FORM_ID}
      method="post"
      action="/tasks/bulk"
      aria-label="Change the selected tasks"
      className="bulk-bar"
    >
      <input type="hidden" name="returnTo" value={returnTo} />
      {enhanced && (
        <label className={`${labelClass} bulk-all`}>
          <input
            ref={selectAll}
            type="checkbox"
            onChange={(event) => toggleAll(event.currentTarget.checked)}
            className="size-4 accent-indigo-600"
          />
          Select all on this page
        </label>
      )}
      {enhanced && (
        <span role="status" className="muted text-sm tabular-nums">
          {selected === 0 ? "None selected" : `${selected} of ${total} selected`}
        </span>
      )}
      <div className={`${labelClass} bulk-control`}>
        <label htmlFor="bulk-action">With selected</label>
        <select id="bulk-action" name="action" defaultValue="status" className="control">
          <option value="status">Set status</option>
          <option value="priority">Set priority</option>
          <option value="due">Set due date</option>
          {bulkMove && <option value="move">Move to list</option>}
          <option value="delete">Delete</option>
        </select>
      </div>
      <div className={`${labelClass} bulk-control bulk-value`} data-for="status">
        <label htmlFor="bulk-status">Status</label>
        <select id="bulk-status" name="status" defaultValue="done" className="control">
          {STATUS_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className={`${labelClass} bulk-control bulk-value`} data-for="priority">
        <label htmlFor="bulk-priority">Priority</label>
        <select id="bulk-priority" name="priority" defaultValue="high" className="control">
          {PRIORITY_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className={`${labelClass} bulk-control bulk-value`} data-for="due">
        <label htmlFor="bulk-due">
          Due date <span className="font-normal text-slate-500 dark:text-slate-400">(empty clears)</span>
        </label>
        <input id="bulk-due" type="date" name="dueDate" min="1900-01-01" max="2999-12-31" className="control" />
      </div>
      {bulkMove && <div className="contents" dangerouslySetInnerHTML={{ __html: bulkMove }} />}
      <button
        type="submit"
        disabled={enhanced && selected === 0}
        className={`${secondaryButtonClass} bulk-control !py-1.5 disabled:cursor-not-allowed disabled:opacity-50`}
      >
        {/* With JavaScript it says what it will do: "Delete 3 tasks". */}
        {enhanced && selected
          ? `${BUTTON_WORDS[action] ?? ""}${selected} ${selected === 1 ? "task" : "tasks"}`
          : "Apply"}
      </button>
    </Form>
  );
}
