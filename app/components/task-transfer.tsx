import { Form } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { MAX_IMPORT_BYTES } from "#src/tasks/task-constants.ts";
import { formatCalendarDate } from "#src/tasks/task-dates.ts";
import { formatTimestamp } from "#src/tasks/task-timestamps.ts";
import { formatCount } from "#src/format-count.ts";
import type { ImportPreview } from "#src/tasks/task-import-service.ts";
import {
  FieldError,
  FormAlert,
  Spinner,
  primaryButtonClass,
  secondaryButtonClass,
} from "#app/components/form-field.tsx";
import { SettingsSection } from "#app/components/account-settings.tsx";

const FORMAT_NAMES: Record<ImportPreview["format"], string> = {
  json: "Task Tracker JSON",
  csv: "Task Tracker CSV",
  todoist: "Todoist CSV",
};

const PRIORITY_NAMES: Record<string, string> = {
  none: "None",
  low: "Low",
  medium: "Medium",
  high: "High",
  urgent: "Urgent",
};
const STATUS_NAMES: Record<string, string> = { todo: "To do", in_progress: "In progress", done: "Done" };

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

export function ExportLinks() {
  const linkClass = `${secondaryButtonClass} w-full sm:w-auto`;
  return (
    <div>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Every task, done ones included, with all its fields. CSV opens in a spreadsheet; JSON keeps the exact values.
      </p>
      <div className="mt-4 flex flex-col gap-3 sm:flex-row">
        <a href="/tasks/export.csv" download className={linkClass}>
          Download CSV
        </a>
        <a href="/tasks/export.json" download className={linkClass}>
          Download JSON
        </a>
      </div>
    </div>
  );
}

/** With JavaScript, a file too large for the platform (API Gateway refuses it unread) is stopped here. */
function checkFileSize(event: FormEvent<HTMLFormElement>, setTooLarge: (message: string | undefined) => void) {
  const input = event.currentTarget.elements.namedItem("file");
  const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
  if (file && file.size >= MAX_IMPORT_BYTES) {
    event.preventDefault();
    setTooLarge(
      `The file is ${(file.size / 1_000_000).toFixed(1)} MB; files must be under 4.5 MB (split it into parts).`,
    );
  } else {
    setTooLarge(undefined);
  }
}

/** The upload form; the server's refusal shows above it, the size check's beside the field. */
export function UploadForm({ pending }: { pending: boolean }) {
  const [error, setTooLarge] = useState<string>();
  return (
    <Form
      method="post"
      action="/tasks/import"
      encType="multipart/form-data"
      noValidate
      onSubmit={(event) => checkFileSize(event, setTooLarge)}
    >
      <label htmlFor="import-file" className="block text-sm font-semibold">
        File to import
      </label>
      <input
        id="import-file"
        name="file"
        type="file"
        required
        accept=".csv,.json,text/csv,application/json"
        aria-describedby={`import-file-hint${error ? " import-file-error" : ""}`}
        aria-invalid={error ? true : undefined}
        className="mt-1.5 block w-full rounded-lg border border-slate-300 bg-white text-sm text-slate-900 file:mr-3 file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-semibold file:text-slate-800 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:file:bg-slate-800 dark:file:text-slate-100"
      />
      <p id="import-file-hint" className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
        A CSV or JSON export from Task Tracker, or a Todoist CSV export; under 4.5 MB and up to 10,000 tasks. You see a
        preview before anything is created.
      </p>
      <FieldError id="import-file-error" messages={error ? [error] : undefined} />
      <button type="submit" disabled={pending} className={`${primaryButtonClass} mt-5 w-full sm:w-auto`}>
        {pending && <Spinner />}
        {pending ? "Reading the file…" : "Upload and preview"}
      </button>
    </Form>
  );
}

/**
 * The confirm button, and where the tasks go: a choice of the lists the user may change on the
 * preview (the Inbox first, shown only when there is a choice), the list already chosen after.
 */
function ConfirmForm({
  token,
  again,
  label,
  pending,
  into,
}: {
  token: string;
  again: boolean;
  label: string;
  pending: boolean;
  into: string | { id: string; name: string }[];
}) {
  return (
    <Form method="post" action="/tasks/import" className="mt-5">
      <input type="hidden" name="intent" value="confirm" />
      <input type="hidden" name="token" value={token} />
      {again && <input type="hidden" name="again" value="yes" />}
      {typeof into === "string" ? (
        <input type="hidden" name="list" value={into} />
      ) : into.length > 1 ? (
        <div className="mb-5 sm:max-w-xs">
          <label htmlFor="import-list" className="block text-sm font-semibold">
            Import into
          </label>
          <select id="import-list" name="list" defaultValue={into[0]?.id} className="input">
            {into.map((list) => (
              <option key={list.id} value={list.id}>
                {list.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <input type="hidden" name="list" value={into[0]?.id ?? "inbox"} />
      )}
      <div className="flex flex-col gap-3 sm:flex-row">
        <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full sm:w-auto`}>
          {pending && <Spinner />}
          {pending ? "Importing…" : label}
        </button>
        <a href="/tasks/import" className={`${secondaryButtonClass} w-full sm:w-auto`}>
          Cancel
        </a>
      </div>
    </Form>
  );
}

export function ImportPreviewPanel({
  preview,
  today,
  timeZone,
  pending,
  lists,
}: {
  preview: ImportPreview;
  today: string;
  timeZone: string;
  pending: boolean;
  /** The lists the tasks can go into, the Inbox first. */
  lists: { id: string; name: string }[];
}) {
  const { count, first, refused, refusedCount, notes, importedBefore } = preview;
  return (
    <SettingsSection id="preview" title="Preview">
      <p className="text-sm text-slate-700 dark:text-slate-300" data-import-count={count}>
        <strong className="font-semibold text-slate-900 dark:text-slate-100">
          {plural(count, "task", "tasks")} will be created
        </strong>{" "}
        from <span className="break-words">{preview.fileName}</span> ({FORMAT_NAMES[preview.format]}).
        {refusedCount > 0 && ` ${plural(refusedCount, "row is", "rows are")} refused (below).`}
      </p>
      {first.length > 0 && (
        <>
          <h3 className="mt-5 text-sm font-semibold">{count > first.length ? `The first ${first.length}` : "Tasks"}</h3>
          <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {first.map((task, index) => (
              <li key={index} className="px-3 py-2 text-sm">
                <span className="block font-medium break-words">{task.title}</span>
                <span className="mt-0.5 block text-slate-600 dark:text-slate-400">
                  {STATUS_NAMES[task.status]} · Priority {PRIORITY_NAMES[task.priority]} ·{" "}
                  {task.dueDate ? `Due ${formatCalendarDate(task.dueDate, today)}` : "No due date"}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {refusedCount > 0 && (
        <>
          <h3 className="mt-5 text-sm font-semibold">
            Refused: {plural(refusedCount, "row", "rows")}
            {refusedCount > refused.length ? ` (the first ${refused.length} shown)` : ""}
          </h3>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-red-800 dark:text-red-200">
            {refused.map((row, index) => (
              <li key={index} className="break-words">
                <span className="font-semibold">{row.label}:</span> {row.messages.join(" ")}
              </li>
            ))}
          </ul>
        </>
      )}
      {notes.length > 0 && (
        <>
          <h3 className="mt-5 text-sm font-semibold">Notes</h3>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
            {notes.map((note, index) => (
              <li key={index} className="break-words">
                {note}
              </li>
            ))}
          </ul>
        </>
      )}
      {importedBefore && (
        <div className="mt-5">
          <FormAlert
            tone="warning"
            message={`You imported this file on ${formatTimestamp(importedBefore, timeZone)}. Import it again?`}
          />
        </div>
      )}
      {count > 0 ? (
        <ConfirmForm
          token={preview.token}
          again={Boolean(importedBefore)}
          label={
            importedBefore
              ? `Import again (${plural(count, "task", "tasks")})`
              : `Import ${plural(count, "task", "tasks")}`
          }
          pending={pending}
          into={lists}
        />
      ) : (
        <p className="mt-5 text-sm font-medium">Nothing to import: correct the file and upload it again.</p>
      )}
    </SettingsSection>
  );
}

/** A confirm that stopped part-way (storage busy or down): the same button finishes it. */
export function ImportRetryPanel({
  token,
  again,
  message,
  pending,
  list,
}: {
  token: string;
  again: boolean;
  message: string;
  pending: boolean;
  list: string;
}) {
  return (
    <SettingsSection id="retry" title="Finish the import">
      <FormAlert message={message} />
      <ConfirmForm token={token} again={again} label="Confirm again" pending={pending} into={list} />
    </SettingsSection>
  );
}

export function ImportAgainPanel({
  token,
  importedWhen,
  pending,
  list,
}: {
  token: string;
  importedWhen: string;
  pending: boolean;
  list: string;
}) {
  return (
    <SettingsSection id="again" title="Import this file again?">
      <FormAlert
        tone="warning"
        message={`You imported this file on ${importedWhen}; importing it again creates its tasks a second time. Import again?`}
      />
      <ConfirmForm token={token} again label="Import again" pending={pending} into={list} />
    </SettingsSection>
  );
}
