import { createCookie, redirect } from "@remix-run/node";
import { getSigningSecrets } from "#src/env.ts";

/**
 * One-shot messages after a redirect ("Task added"), without JavaScript: the action sets a
 * short-lived signed cookie on its 303, and the root loader of the next page reads it and
 * clears it. Remix merges the root loader's Set-Cookie into every route's response (document
 * and single-fetch data requests alike) because our routes export no `headers`.
 */
export const FLASH_KINDS = [
  "created",
  "updated",
  "deleted",
  "status",
  "priority",
  "assigned",
  "settings-saved",
  "password-changed",
  "two-step-on",
  "two-step-off",
  "two-step-reset",
  "bulk",
  "undone",
  "imported",
  "welcome",
  "sharing",
  "repeated",
  "list",
  "account-deleted",
  "subtask",
  "moved",
  "label",
] as const;
export type FlashKind = (typeof FLASH_KINDS)[number];

export interface Flash {
  kind: FlashKind;
  /** The task's title, shown as text. */
  title?: string;
  /**
   * What changed to, for one-click and bulk changes ("Done", "High"); the bulk action's name;
   * what quick add understood in a new task's title ("Tomorrow · Urgent").
   */
  detail?: string;
  /** For bulk changes and undo: how many tasks changed, and how many could not be. */
  count?: number;
  skipped?: number;
  /** For bulk changes and undo: how many failed to save (worth trying again). */
  failed?: number;
  /** More words for the message, worded where the change was made (a bulk move's tasks left where they are). */
  note?: string;
  /**
   * The bulk action ("status", "priority", "due", "delete"), what an undo undid, or the sharing
   * change ("invited", "revoked", "role", "removed", "left", "handed-over", "accepted", "declined").
   */
  action?: string;
  /** The signed token of an undo for this change (what undo needs is in DynamoDB, not here). */
  undo?: string;
  /** Makes two identical messages in a row distinct, so the page announces and focuses each. */
  id: string;
}

/** What a page gets of a flash: its words (put together on the server, flash-text.ts) and undo. */
export interface FlashView {
  id: string;
  kind: FlashKind;
  text: string;
  undo?: string;
}

let flashCookie: ReturnType<typeof createCookie> | undefined;

function getFlashCookie() {
  flashCookie ??= createCookie("flash", {
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    // Long enough to survive the redirect, short enough that a lost one never shows up later.
    maxAge: 60,
    secrets: getSigningSecrets(),
  });
  return flashCookie;
}

/** What a flash may hold, written and read alike: browsers drop a cookie over 4 KB. */
const TITLE_MAX = 200;
/** Room for what quick add understood: "Tue 22 Dec 17:00 · Urgent · every Monday, Wednesday and Friday". */
const DETAIL_MAX = 80;
/** Room for a note naming a few tasks and labels (under the 4 KB a browser keeps). */
const NOTE_MAX = 800;

/**
 * After a successful POST: 303 See Other to `to` (Remix's redirect defaults to 302, which a
 * browser may replay as a POST), showing `flash` on the next page.
 */
export async function redirectWithFlash(to: string, flash: Omit<Flash, "id">): Promise<Response> {
  return redirect(to, { status: 303, headers: { "Set-Cookie": await setFlash(flash) } });
}

/** The Set-Cookie value for a redirect that should show `flash` on the next page. */
export function setFlash(flash: Omit<Flash, "id">): Promise<string> {
  return getFlashCookie().serialize({
    ...flash,
    ...(flash.title !== undefined ? { title: flash.title.slice(0, TITLE_MAX) } : {}),
    ...(flash.detail !== undefined ? { detail: flash.detail.slice(0, DETAIL_MAX) } : {}),
    ...(flash.note !== undefined ? { note: flash.note.slice(0, NOTE_MAX) } : {}),
    id: `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
  });
}

function parseFlash(value: unknown): Flash | null {
  if (typeof value !== "object" || value === null) return null;
  const { kind, title, detail, id, count, skipped, failed, note, action, undo } = value as Record<string, unknown>;
  if (!FLASH_KINDS.includes(kind as FlashKind) || typeof id !== "string") return null;
  const counter = (n: unknown) => (typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 1000 ? n : undefined);
  return {
    kind: kind as FlashKind,
    id,
    ...(typeof title === "string" ? { title: title.slice(0, TITLE_MAX) } : {}),
    ...(typeof detail === "string" ? { detail: detail.slice(0, DETAIL_MAX) } : {}),
    ...(counter(count) !== undefined ? { count: counter(count) } : {}),
    ...(counter(skipped) !== undefined ? { skipped: counter(skipped) } : {}),
    ...(counter(failed) ? { failed: counter(failed) } : {}),
    ...(typeof note === "string" ? { note: note.slice(0, NOTE_MAX) } : {}),
    ...(typeof action === "string" ? { action: action.slice(0, 20) } : {}),
    ...(typeof undo === "string" && undo.length <= 200 ? { undo } : {}),
  };
}

/** Reads this request's flash, if any, with the Set-Cookie that clears it. */
export async function consumeFlash(request: Request): Promise<{ flash: Flash | null; setCookie?: string }> {
  const header = request.headers.get("Cookie");
  if (!header?.includes("flash=")) return { flash: null };
  const cookie = getFlashCookie();
  const flash = parseFlash(await cookie.parse(header));
  return { flash, setCookie: await cookie.serialize("", { maxAge: 0, expires: new Date(0) }) };
}
