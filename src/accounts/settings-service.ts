import * as z from "zod/mini";
import * as repository from "#src/accounts/account-repository.ts";
import type { AccountRecord } from "#src/accounts/account-repository.ts";
import { prepareTasksForOwner } from "#src/tasks/task-service.ts";
import { parseInput } from "#src/validation.ts";

/**
 * The data version of a user's tasks. 2: every task has the due and priority index keys
 * (tasks from before due dates and priorities are given them once, at the user's next sign-in).
 * 3: every task has searchText too (search finds older tasks meanwhile, just less cheaply).
 */
export const TASKS_VERSION = 3;

/** What a user has chosen for themselves; null means "never set" (the app then uses UTC). */
export interface AccountSettings {
  timeZone: string | null;
  /** Single-key shortcuts on the task list; on unless switched off (WCAG 2.1.4). */
  shortcuts: boolean;
  /** Where signing in lands: All tasks unless the user chose Today. */
  startView: "all" | "today";
}

export const TIME_ZONE_MESSAGE = "Choose a time zone from the list.";

/**
 * ICU, and so Intl, still names these zones as IANA did long ago (CLDR keeps its ids stable);
 * people look for the current names. These are offered and stored; the old ones are still
 * accepted (a browser detecting its zone sends "Asia/Calcutta") and read as the current ones.
 * Intl takes both names.
 */
const CURRENT_NAMES: Record<string, string> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** A zone by its current IANA name. */
export function currentTimeZoneName(zone: string): string {
  return CURRENT_NAMES[zone] ?? zone;
}

let timeZones: { list: string[]; set: Set<string> } | undefined;

/**
 * The IANA zones this runtime knows (Node 22's full ICU) by their current names, plus "UTC",
 * sorted; computed once.
 */
export function listTimeZones(): string[] {
  timeZones ??= (() => {
    const list = [...new Set([...Intl.supportedValuesOf("timeZone").map(currentTimeZoneName), "UTC"])].sort();
    return { list, set: new Set(list) };
  })();
  return timeZones.list;
}

/** "UTC+05:30": the zone's offset from UTC at `now` (summer time included when it is in force). */
export function utcOffset(zone: string, now: Date): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(now)
    .find((part) => part.type === "timeZoneName")?.value;
  return !name || name === "GMT" ? "UTC+00:00" : name.replace("GMT", "UTC").replace("-", "−");
}

let choices: { list: { value: string; offset: string }[]; at: number } | undefined;

/** Every listed zone with its offset now, for the picker; worked out at most once an hour. */
export function listTimeZoneChoices(now = new Date()): { value: string; offset: string }[] {
  if (!choices || now.getTime() - choices.at > 60 * 60 * 1000)
    choices = { list: listTimeZones().map((value) => ({ value, offset: utcOffset(value, now) })), at: now.getTime() };
  return choices.list;
}

function isListedTimeZone(value: string): boolean {
  listTimeZones();
  return timeZones?.set.has(value) ?? false;
}

/**
 * Browsers name some zones by an alias ("Asia/Kolkata", "Etc/UTC") that ICU lists under
 * another name ("Asia/Calcutta", "UTC"): store the listed name, so the <select> shows it.
 */
function canonicalTimeZone(value: string): string {
  try {
    return currentTimeZoneName(new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone);
  } catch {
    return value;
  }
}

export const timeZoneSchema = z.pipe(
  z.transform((value: unknown) => (typeof value === "string" ? value.trim() : "")),
  z.pipe(
    z.pipe(
      z.string().check(z.maxLength(100, TIME_ZONE_MESSAGE)),
      z.transform((value: string) => (value && !isListedTimeZone(value) ? canonicalTimeZone(value) : value)),
    ),
    z.string().check(z.refine(isListedTimeZone, TIME_ZONE_MESSAGE)),
  ),
);

/** The settings form, and the body of the automatic detection post. */
export const accountSettingsSchema = z.object({ timeZone: timeZoneSchema });

function toSettings(account: AccountRecord | null): AccountSettings {
  return {
    timeZone: account?.timeZone ? currentTimeZoneName(account.timeZone) : null,
    shortcuts: account?.shortcutsOff !== true,
    startView: account?.startToday ? "today" : "all",
  };
}

/**
 * The settings a session caches. This is the one place that runs when a session first learns
 * them (at sign-in, or once for a session item from before the cache existed), so per-user
 * preparation that must happen once per session belongs here.
 */
export async function loadAccountSettings(sub: string): Promise<AccountSettings> {
  return (await loadAccountAccess(sub)).settings;
}

/** The settings and the moment before which the account's tokens are refused (one read). */
export interface AccountAccess {
  settings: AccountSettings;
  /** Epoch seconds; null when no token has ever been revoked. */
  tokensValidAfter: number | null;
  /** The account is being deleted, or was: refuse it (account-deletion-service.ts finishes it). */
  deleting: boolean;
}

/** As loadAccountSettings, with the account's tokensValidAfter, from the same consistent read. */
export async function loadAccountAccess(sub: string): Promise<AccountAccess> {
  const account = await repository.getAccount(sub);
  if (account?.deletingAt) return { settings: toSettings(null), tokensValidAfter: null, deleting: true };
  if ((account?.tasksVersion ?? 0) < TASKS_VERSION) {
    await prepareTasksForOwner(sub);
    await repository.updateAccountTasksVersion(sub, TASKS_VERSION);
  }
  return { settings: toSettings(account), tokensValidAfter: account?.tokensValidAfter ?? null, deleting: false };
}

/**
 * Whether a token from a sign-in at `authTime` (epoch seconds, Cognito's clock) is still
 * accepted: `tokensValidAfter` is the first second that counts (a revocation sets the second
 * after its own, or the second of the sign-in a password change makes for itself).
 */
export function isTokenCurrent(authTime: number, tokensValidAfter: number | null): boolean {
  return tokensValidAfter === null || authTime >= tokensValidAfter;
}

/** From now on, tokens from sign-ins before `seconds` (epoch) are refused everywhere. */
export async function revokeTokensBefore(sub: string, seconds: number): Promise<void> {
  await repository.updateAccountTokensValidAfter(sub, seconds);
}

/** Saves the user's choice. Callers that keep copies (sessions) must refresh them. */
export async function updateAccountSettings(sub: string, input: unknown): Promise<AccountSettings> {
  const { timeZone } = parseInput(accountSettingsSchema, input);
  return toSettings(await repository.updateAccountTimeZone(sub, timeZone));
}

/** The shortcuts form: a checkbox, so "on" when ticked and absent when not. */
export const shortcutsSettingSchema = z.object({
  shortcuts: z.pipe(
    z.transform((value: unknown) => value === "on" || value === "true"),
    z.boolean(),
  ),
});

export async function updateShortcutsSetting(sub: string, input: unknown): Promise<AccountSettings> {
  const { shortcuts } = parseInput(shortcutsSettingSchema, input);
  return toSettings(await repository.updateAccountShortcuts(sub, shortcuts));
}

/** The start page form: two radio buttons. */
export const startViewSettingSchema = z.object({
  startView: z.enum(["all", "today"], { error: "Choose All tasks or Today." }),
});

export async function updateStartViewSetting(sub: string, input: unknown): Promise<AccountSettings> {
  const { startView } = parseInput(startViewSettingSchema, input);
  return toSettings(await repository.updateAccountStartToday(sub, startView === "today"));
}

/**
 * Stores the browser's zone only while the account has none, in one conditional write, so a
 * detection racing with (or arriving after) the user's own choice never replaces it. Returns
 * the stored settings, or null when a zone was already set and nothing changed.
 */
export async function storeDetectedTimeZone(sub: string, input: unknown): Promise<AccountSettings | null> {
  const { timeZone } = parseInput(accountSettingsSchema, input);
  const stored = await repository.updateAccountTimeZoneIfUnset(sub, timeZone);
  return stored ? toSettings(stored) : null;
}
