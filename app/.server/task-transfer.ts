import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/.server/auth.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm } from "#app/.server/forms.ts";
import { readMultipartFile, type UploadedFile } from "#app/.server/multipart.ts";
import { toErrorResponse, toResourceErrorResponse } from "#app/.server/route-errors.ts";
import {
  ConflictError,
  ForbiddenError,
  InvalidTokenError,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
} from "#src/errors.ts";
import { hasRole } from "#src/lists/list.ts";
import { listPath } from "#app/task-urls.ts";
import { listsForUser, resolveListAccess } from "#src/lists/list-access.ts";
import { exportTasks as exportTasksOf, type ExportFormat } from "#src/tasks/task-export-service.ts";
import { ImportFileError, MAX_IMPORT_BYTES } from "#src/tasks/task-import.ts";
import { todayIn } from "#src/tasks/task-dates.ts";
import { formatTimestamp } from "#src/tasks/task-timestamps.ts";
import { displayTimeZone } from "#app/task-display.ts";
import { confirmImport, stageImportForOwner, type ImportPreview } from "#src/tasks/task-import-service.ts";

/**
 * Export downloads and the import's upload and confirm: loaded by their routes on first use,
 * so the CSV and import code is not part of a cold start.
 */

export async function exportTasks({ request, context }: LoaderFunctionArgs, format: ExportFormat) {
  try {
    const user = await requireUser(request, context);
    // One list (?list=inbox or its id), or every list the user belongs to.
    const listRef = new URL(request.url).searchParams.get("list");
    const accesses = listRef === null ? await listsForUser(user) : [await resolveListAccess(user.id, listRef)];
    const file = await exportTasksOf(
      accesses.map((access) => access.listId),
      format,
    );
    return new Response(file.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Task-Count": String(file.count),
      },
    });
  } catch (error) {
    throw toResourceErrorResponse(error);
  }
}

export type ImportActionData =
  | { ok: false; kind: "error"; message: string }
  /**
   * `today`: the user's, so the preview's due dates read as everywhere else ("Mon 14 Dec");
   * `lists`: the lists the user may import into, the Inbox first.
   */
  | { ok: true; kind: "preview"; preview: ImportPreview; today: string; timeZone: string; lists: ImportTarget[] }
  /** `importedWhen`: the earlier import's time on the user's clock ("Thu 3 Dec, 09:15 CET"). */
  | { ok: false; kind: "again"; token: string; importedAt: string; importedWhen: string; list: string }
  /** A confirm that could not finish: the same token finishes it (no task is created twice), into the same list. */
  | { ok: false; kind: "retry"; token: string; again: boolean; message: string; list: string };

/** A list an import can go into: "inbox" or its id, and its name. */
export interface ImportTarget {
  id: string;
  name: string;
}

const refuse = (message: string, status = 400) =>
  data<ImportActionData>({ ok: false, kind: "error", message }, { status });

const TOO_LARGE = "The file is too large; files must be under 4.5 MB (split it into parts).";

async function readUpload(request: Request): Promise<{ bytes: Uint8Array; fileName: string } | string> {
  let file: UploadedFile | null;
  try {
    // The multipart framing (boundaries, part headers) is small; anything beyond this is the file.
    file = await readMultipartFile(request, "file", MAX_IMPORT_BYTES + 64 * 1024);
  } catch (error) {
    if (error instanceof RangeError) return TOO_LARGE;
    return "The upload could not be read. Choose the file again and retry.";
  }
  if (!file || (file.bytes.length === 0 && !file.fileName))
    return "Choose a file to import: a CSV or JSON export of Task Tracker, or a Todoist CSV export.";
  return { bytes: file.bytes, fileName: file.fileName || "upload" };
}

export async function importAction({ request, context }: ActionFunctionArgs) {
  const multipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  let token = "";
  let again = false;
  let list = "inbox";
  let timeZone = "UTC";
  try {
    const user = await requireUser(request, context);
    timeZone = displayTimeZone(user.timeZone);
    if (multipart) {
      const upload = await readUpload(request);
      if (typeof upload === "string") return refuse(upload);
      const [preview, accesses] = await Promise.all([
        stageImportForOwner(user.id, upload, new Date(), user.timeZone),
        listsForUser(user),
      ]);
      const lists = accesses
        .filter((access) => hasRole(access.role, "editor") && !access.list?.archivedAt)
        .map((access) => ({ id: access.list ? access.listId : "inbox", name: access.name }));
      return data<ImportActionData>({ ok: true, kind: "preview", preview, today: todayIn(timeZone), timeZone, lists });
    }
    const form = await readForm(request);
    if (form.intent !== "confirm") return refuse("Unknown action.");
    token = form.token ?? "";
    again = form.again === "yes";
    list = form.list || "inbox";
    const into = await resolveListAccess(user.id, list);
    const result = await confirmImport(into, { token, again });
    return redirectWithFlash(into.list ? listPath(into.listId) : "/tasks", {
      kind: "imported",
      detail: String(result.created),
    });
  } catch (error) {
    if (error instanceof ImportFileError || error instanceof InvalidTokenError || error instanceof ValidationError)
      return refuse(error.message);
    if (error instanceof NotFoundError) return refuse("That list is not one you can import into.", 404);
    if (error instanceof ForbiddenError) return refuse(error.message, 403);
    if (error instanceof ConflictError && error.code === "import.duplicate") {
      const { importedAt } = error.current as { importedAt: string };
      const importedWhen = formatTimestamp(importedAt, timeZone);
      return data<ImportActionData>(
        { ok: false, kind: "again", token, importedAt, importedWhen, list },
        { status: 409 },
      );
    }
    if (error instanceof ServiceUnavailableError && token)
      // Some tasks may have been created before it stopped: confirming again creates the rest.
      return data<ImportActionData>(
        {
          ok: false,
          kind: "retry",
          token,
          again,
          list,
          message: `${error.message} The import did not finish. Confirm again in a moment to finish it: no task is created twice.`,
        },
        { status: 503 },
      );
    if (error instanceof ServiceUnavailableError)
      return refuse(`${error.message} Nothing was imported; please try again in a moment.`, 503);
    throw toErrorResponse(error);
  }
}
