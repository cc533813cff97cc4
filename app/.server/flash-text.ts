import type { Flash, FlashView } from "#app/.server/flash.ts";
import { formatCount } from "#src/format-count.ts";

/**
 * The words of each flash message. They are put together here, on the server, and sent as
 * text: the browser's bundle then carries no table of every message the app can show.
 */

function tasks(count: number): string {
  return count === 1 ? "1 task" : `${count} tasks`;
}

/** Tasks a message names by title; the rest are counted ("and 4 more"). */
const TITLES_NAMED = 3;
const TITLE_CHARS = 60;

/** The titles a message names, for the flash's `title`: the first few, each cut short. */
export function namedTitles(titles: string[]): string {
  return titles
    .slice(0, TITLES_NAMED)
    .map((title) => (title.length > TITLE_CHARS ? `${title.slice(0, TITLE_CHARS - 1)}…` : title))
    .join("”, “");
}

function failedText(flash: Flash, again: string): string {
  const failed = flash.failed ?? 0;
  if (failed === 0) return "";
  return ` ${failed === 1 ? "1 task" : `${failed} tasks`} could not be saved just now; ${again}.`;
}

function describeBulk(flash: Flash): string {
  const count = tasks(flash.count ?? 0);
  let text: string;
  switch (flash.action) {
    case "status":
      text = `Moved ${count} to ${flash.detail || "the new status"}.`;
      break;
    case "priority":
      text = `Set the priority of ${count} to ${flash.detail || "the new value"}.`;
      break;
    case "due":
      text = flash.detail ? `Set ${count} due on ${flash.detail}.` : `Cleared the due date of ${count}.`;
      break;
    case "move":
      // A note (tasks left where they are) says it all when nothing moved.
      text = flash.note && !flash.count ? "" : `Moved ${count} to “${flash.detail || "the list"}”. `;
      text = (text + (flash.note ?? "")).trim();
      break;
    default:
      text = `Deleted ${count}.`;
  }
  const skipped = flash.skipped ?? 0;
  if (skipped > 0)
    text += ` ${skipped === 1 ? "1 was" : `${skipped} were`} not changed: deleted elsewhere, or not found.`;
  return text + failedText(flash, "please select them and try again");
}

function describeUndo(flash: Flash): string {
  const count = flash.count ?? 0;
  let text =
    count === 0
      ? "Nothing was undone."
      : flash.action === "delete"
        ? `Restored ${tasks(count)}.`
        : `Undid the change to ${tasks(count)}.`;
  const skipped = flash.skipped ?? 0;
  if (skipped > 0)
    text += ` ${skipped === 1 ? "1 task was" : `${skipped} tasks were`} changed since and left as ${
      skipped === 1 ? "it is" : "they are"
    }${flash.title ? `: “${flash.title}”${skipped > TITLES_NAMED ? ` and ${skipped - TITLES_NAMED} more` : ""}` : ""}.`;
  return text + failedText(flash, flash.undo ? "press Undo to try again" : "please try again");
}

const withArticle = (role = "") => (role === "editor" ? "an editor" : role === "owner" ? "the owner" : "a viewer");

/** A change to a list's members or invitations; `title` names the person (email) or the list. */
function describeSharing(flash: Flash): string {
  const who = flash.title ?? "They";
  const list = flash.title ? `“${flash.title}”` : "the list";
  switch (flash.action) {
    case "invited":
      return `Invited ${who} as ${withArticle(flash.detail)}. The invitation waits 7 days for them to accept it.`;
    case "revoked":
      return `Withdrew the invitation to ${who}.`;
    case "role":
      return `${who} is now ${withArticle(flash.detail)}.`;
    case "removed":
      return `Removed ${who} from the list.`;
    case "left":
      return `You left ${list}.`;
    case "handed-over":
      return `${who} now owns the list; you are an editor.`;
    case "accepted":
      return `You joined ${list} as ${withArticle(flash.detail)}.`;
    default:
      return `Declined the invitation to ${list}.`;
  }
}

/** A change to a list; `action` says which, `title` is the list's name. */
function describeList(flash: Flash): string {
  const name = `“${flash.title ?? "the list"}”`;
  switch (flash.action) {
    case "created":
      return `Made the list ${name}.`;
    case "archived":
      return `Archived ${name}: it is hidden from your views and read-only until you restore it.`;
    case "unarchived":
      return `Restored ${name} from the archive.`;
    case "deleted":
      return `Deleted the list ${name} with its tasks.`;
    case "undeleted":
      return `Brought back the list ${name} with its tasks.`;
    default:
      return `Saved ${name}.`;
  }
}

function describeFlash(flash: Flash): string {
  const title = flash.title ? `“${flash.title}”` : "The task";
  switch (flash.kind) {
    case "created":
      // With what quick add understood: "Added “Buy milk” · Tomorrow · Urgent."
      return `Added ${title}${flash.detail ? ` · ${flash.detail}` : ""}.`;
    case "updated":
      return `Saved your changes to ${title}.`;
    case "moved":
      return `Moved ${title} to “${flash.detail ?? "the list"}”.`;
    case "deleted":
      return flash.title ? `Deleted ${title}.` : "Task deleted.";
    case "status":
      return `Moved ${title} to ${flash.detail ?? "its new status"}.`;
    case "priority":
      return `Set the priority of ${title} to ${flash.detail ?? "its new value"}.`;
    case "assigned":
      return flash.detail ? `Assigned ${title} to ${flash.detail}.` : `Unassigned ${title}.`;
    case "settings-saved":
      return "Saved your settings.";
    case "password-changed":
      return "Changed your password. Your other sessions are signed out.";
    case "two-step-on":
      return "Two-step sign-in is on. Signing in now asks for a code from your authenticator app.";
    case "two-step-off":
      return "Two-step sign-in is off. Signing in asks for your password only.";
    case "two-step-reset":
      return "You signed in with a recovery code, so two-step sign-in is now off and your other recovery codes no longer work. Set it up again below with your authenticator app.";
    case "bulk":
      return describeBulk(flash);
    case "undone":
      return describeUndo(flash);
    case "welcome":
      return "Your email address is confirmed and you are signed in. Add your first task below.";
    case "sharing":
      return describeSharing(flash);
    case "repeated":
      return `Completed ${title}; it repeats, next on ${flash.detail ?? "its next date"}.`;
    case "list":
      return describeList(flash);
    case "account-deleted":
      return "Your account is deleted: your tasks, your lists and your sign-in are gone, and you are signed out. Thank you for using Task Tracker.";
    case "subtask":
      return `Ticked “${flash.detail ?? "a sub-task"}” of ${title}.`;
    case "label": {
      const tasks = `${formatCount(flash.count ?? 0)} ${flash.count === 1 ? "task" : "tasks"}`;
      const done =
        flash.action === "removed"
          ? `Removed the label @${flash.title ?? ""} from ${tasks}.`
          : `Renamed @${flash.title ?? ""} to @${flash.detail ?? ""} on ${tasks}.`;
      return flash.failed ? `${done} Some tasks are still to do: press Finish to carry on.` : done;
    }
    case "imported": {
      const count = Number(flash.detail ?? 0);
      return `Imported ${formatCount(count)} ${count === 1 ? "task" : "tasks"}.`;
    }
  }
}

/** The flash as the page shows it. */
export function toFlashView(flash: Flash): FlashView {
  return { id: flash.id, kind: flash.kind, text: describeFlash(flash), ...(flash.undo ? { undo: flash.undo } : {}) };
}
