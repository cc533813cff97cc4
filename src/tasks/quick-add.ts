/**
 * Quick add that understands what you type: "Buy milk tomorrow 5pm p1 @errand every monday"
 * becomes the title "Buy milk", a due date and time, a priority, a label and a repeat.
 *
 * One parser for every way in (the quick-add form, the JSON API's /parse, and later the edit
 * form's fields and the Todoist import), so they can never disagree. It is pure: "now" and the
 * user's time zone are arguments, and the result lists every part it recognised with its place
 * in the text, so a page can mark them and a user can dismiss one (`keep`) to leave it as text.
 *
 * Dates and times come from chrono-node (its English parser only), which knows "tomorrow",
 * "fri", "24 dec", "dec 24", "in 3 days", "5pm", "17:30" and their combinations. Everything else
 * is a small grammar of our own, because each is a token a person types on purpose: p1–p4,
 * @label, #list (only names of lists that exist) and "every …" (a repeat, written as an
 * RFC 5545 RRULE; rrule checks and words it). Words in straight or curly double quotes are
 * never parsed, and a month on its own ("Call May about the March report") stays text.
 *
 * The module is loaded on first use (a dynamic import), never with a page: chrono-node and
 * rrule are about 90 KB of code that most requests do not need.
 */
import { en as chrono } from "chrono-node";
import * as rruleModule from "rrule";
import type { Options } from "rrule";
import type { TaskPriority } from "#src/tasks/task-constants.ts";
import { MAX_DUE_YEAR, MIN_DUE_YEAR, formatDueLabel, todayIn } from "#src/tasks/task-dates.ts";
import { recurrenceWords } from "#src/tasks/recurrence-text.ts";
import { LABEL_CHARS, LABEL_MAX, MAX_LABELS, labelKey } from "#src/tasks/task-labels.ts";

// rrule is CommonJS to Node (its exports sit on the default export) and an ES module to the
// bundler that builds the Lambda (named exports): take RRule from whichever this is.
const { RRule } =
  "RRule" in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default;

export type QuickAddPartKind = "date" | "priority" | "label" | "list" | "repeat";

/** A recognised part of the text: where it stands (UTF-16 offsets, end exclusive) and what it means. */
export interface QuickAddPart {
  kind: QuickAddPartKind;
  start: number;
  end: number;
  text: string;
}

export interface QuickAddResult {
  /** What is left once the recognised parts are taken out; the whole text when nothing would be left. */
  title: string;
  /** YYYY-MM-DD on the user's calendar, or null. */
  dueDate: string | null;
  /** HH:MM on the user's clock, or null (a time alone means today). */
  dueTime: string | null;
  /** Null when the text names none (the form's own choice then stands). */
  priority: TaskPriority | null;
  labels: string[];
  /** The name of an existing list, as the user has it, or null. */
  list: string | null;
  /** An RRULE without the "RRULE:" prefix ("FREQ=WEEKLY;BYDAY=MO"), or null. */
  recurrence: string | null;
  /** The repeat in words ("every week on Monday"), or null. */
  recurrenceText: string | null;
  parts: QuickAddPart[];
}

export interface QuickAddOptions {
  now: Date;
  /** The user's IANA time zone: "today" and "5pm" are on their calendar and clock. */
  timeZone: string;
  /** Names of the lists the user may add to; "#name" matches only these (case-insensitively). */
  lists?: readonly string[];
  /** Start offsets of parts the user dismissed: they stay text. */
  keep?: readonly number[];
}

export { MAX_LABELS };

const PRIORITY_WORDS: ReadonlyMap<string, TaskPriority> = new Map([
  ["p1", "urgent"],
  ["p2", "high"],
  ["p3", "medium"],
  ["p4", "low"],
]);

interface Span {
  start: number;
  end: number;
}

function overlaps(a: Span, spans: readonly Span[]): boolean {
  return spans.some((b) => a.start < b.end && b.start < a.end);
}

/** Quoted stretches ("…" or “…”): never parsed. An unclosed quote protects nothing. */
function quotedSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(/"[^"\n]*"|“[^”\n]*”/g)) {
    spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** The wall-clock fields of `now` in `timeZone`. */
function wallClock(now: Date, timeZone: string) {
  const parts = new Map(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
      .formatToParts(now)
      .map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.get("year") ?? 1970,
    month: parts.get("month") ?? 1,
    day: parts.get("day") ?? 1,
    hour: parts.get("hour") ?? 0,
    minute: parts.get("minute") ?? 0,
    second: parts.get("second") ?? 0,
  };
}

const pad = (value: number) => String(value).padStart(2, "0");
const isoDate = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** A calendar date plus `days`, as YYYY-MM-DD (UTC arithmetic: calendar days have no zone). */
function addDays(year: number, month: number, day: number, days: number): string {
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

// ---------------------------------------------------------------------------------------------
// Repeats: "every" followed by one of a few shapes. Each shape consumes exactly its words, so the
// rest of the text stays the title ("every monday buy milk" repeats weekly and is "buy milk").

const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ["mon", 0],
  ["monday", 0],
  ["tue", 1],
  ["tues", 1],
  ["tuesday", 1],
  ["wed", 2],
  ["weds", 2],
  ["wednesday", 2],
  ["thu", 3],
  ["thur", 3],
  ["thurs", 3],
  ["thursday", 3],
  ["fri", 4],
  ["friday", 4],
  ["sat", 5],
  ["saturday", 5],
  ["sun", 6],
  ["sunday", 6],
]);
const UNITS: ReadonlyMap<string, number> = new Map([
  ["day", RRule.DAILY],
  ["days", RRule.DAILY],
  ["week", RRule.WEEKLY],
  ["weeks", RRule.WEEKLY],
  ["month", RRule.MONTHLY],
  ["months", RRule.MONTHLY],
  ["year", RRule.YEARLY],
  ["years", RRule.YEARLY],
]);

type RepeatOptions = Partial<Options>;

interface RepeatMatch extends Span {
  options: RepeatOptions;
}

const WORD = /[\p{L}\p{N}]+(?:st|nd|rd|th)?|,/uy;

/** Words from `from` on, with their offsets (commas count as words, spaces separate). */
function wordsFrom(text: string, from: number): { word: string; start: number; end: number }[] {
  const words: { word: string; start: number; end: number }[] = [];
  let index = from;
  while (index < text.length && words.length < 12) {
    while (index < text.length && text[index] === " ") index++;
    WORD.lastIndex = index;
    const match = WORD.exec(text);
    if (!match) break;
    words.push({ word: match[0].toLowerCase(), start: index, end: index + match[0].length });
    index += match[0].length;
  }
  return words;
}

function ordinalDay(word: string): number | undefined {
  const match = /^(\d{1,2})(st|nd|rd|th)$/.exec(word);
  if (!match) return undefined;
  const day = Number(match[1]);
  return day >= 1 && day <= 31 ? day : undefined;
}

function matchRepeat(text: string, at: number): RepeatMatch | undefined {
  const words = wordsFrom(text, at);
  const word = (index: number) => words[index]?.word ?? "";
  if (word(0) !== "every" || words.length < 2) return undefined;
  const upTo = (index: number) => ({ start: at, end: words[index]?.end ?? at });
  const first = word(1);

  // every weekday / workday / weekend
  if (first === "weekday" || first === "weekdays" || first === "workday")
    return { ...upTo(1), options: { freq: RRule.WEEKLY, byweekday: [0, 1, 2, 3, 4] } };
  if (first === "weekend") return { ...upTo(1), options: { freq: RRule.WEEKLY, byweekday: [5, 6] } };

  // every monday[, wed and fri]
  const firstDay = WEEKDAYS.get(first);
  if (firstDay !== undefined) {
    const days = [firstDay];
    let last = 1;
    for (let i = 2; i + 1 < words.length; i += 2) {
      const next = WEEKDAYS.get(word(i + 1));
      if ((word(i) !== "," && word(i) !== "and") || next === undefined) break;
      if (!days.includes(next)) days.push(next);
      last = i + 1;
    }
    return { ...upTo(last), options: { freq: RRule.WEEKLY, byweekday: days.sort() } };
  }

  // every 1st / every 15th: a day of the month
  const monthDay = ordinalDay(first);
  if (monthDay) return { ...upTo(1), options: { freq: RRule.MONTHLY, bymonthday: [monthDay] } };

  // every [other | N] day/week/month/year [on the 15th]
  let interval = 1;
  let unit = 1;
  if (first === "other") {
    interval = 2;
    unit = 2;
  } else if (/^\d{1,3}$/.test(first)) {
    interval = Number(first);
    unit = 2;
    if (interval < 1) return undefined;
  }
  const freq = UNITS.get(word(unit));
  if (freq === undefined) return undefined;
  // "every day" and "every 2 days" agree in number; "every 2 day" is still understood.
  const options: RepeatOptions = { freq, ...(interval > 1 ? { interval } : {}) };
  if (freq === RRule.MONTHLY && word(unit + 1) === "on" && word(unit + 2) === "the") {
    const day = ordinalDay(word(unit + 3));
    if (day) return { ...upTo(unit + 3), options: { ...options, bymonthday: [day] } };
  }
  return { ...upTo(unit), options };
}

function findRepeat(text: string, protectedSpans: readonly Span[]): RepeatMatch | undefined {
  for (const match of text.matchAll(/(?<![\p{L}\p{N}])every(?![\p{L}\p{N}])/giu)) {
    const found = matchRepeat(text, match.index);
    if (found && !overlaps(found, protectedSpans)) return found;
  }
  return undefined;
}

/** The RRULE text, without the "RRULE:" prefix and with no DTSTART. */
function ruleString(options: RepeatOptions): string {
  return RRule.optionsToString(options).replace(/^RRULE:/, "");
}

/** The first date of the repeat on or after `from` (YYYY-MM-DD). */
function firstOccurrence(options: RepeatOptions, from: string): string | null {
  const dtstart = new Date(`${from}T00:00:00Z`);
  const next = new RRule({ ...options, dtstart }).after(dtstart, true);
  return next ? next.toISOString().slice(0, 10) : null;
}

/**
 * A repeat in the words a person would use ("every weekday", "every Monday and Friday",
 * "every 2 weeks", "every month on the 1st"); rrule's own wording for anything else.
 */
export function describeRecurrence(rule: string): string {
  return recurrenceWords(rule) ?? RRule.fromString(rule.startsWith("RRULE:") ? rule : `RRULE:${rule}`).toText();
}

// ---------------------------------------------------------------------------------------------

function findTokens(
  text: string,
  pattern: RegExp,
  protectedSpans: Span[],
): { start: number; end: number; match: RegExpMatchArray }[] {
  const found: { start: number; end: number; match: RegExpMatchArray }[] = [];
  for (const match of text.matchAll(pattern)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!overlaps(span, protectedSpans)) found.push({ ...span, match });
  }
  return found;
}

/** Replaces the spans with spaces, so offsets in what chrono reads are offsets in the text. */
function masked(text: string, spans: readonly Span[]): string {
  // UTF-16 code units, as the offsets are.
  const units = text.split("");
  for (const span of spans) for (let i = span.start; i < span.end; i++) units[i] = " ";
  return units.join("");
}

/** Characters that join a date to its neighbours into one word (a code, an id, a version). */
const INSIDE_WORD = /[\p{L}\p{N}_\-/.:]/u;

/**
 * Digits run into letters the way codes and hashes do ("02502d6d", "d52"): only times and
 * ordinals ("5pm", "9am", "24th") join a number to letters in a date.
 */
function isCodeLike(text: string): boolean {
  const rest = text.replace(/\d+(?:st|nd|rd|th|am|pm|a|p)\b/gi, " ");
  return /\d[a-z]|[a-z]\d/i.test(rest);
}

/** chrono's result is a date only when it names a day (or a weekday, or a time): a month alone stays text. */
function isSpecificDate(result: chrono.ParsedResult): boolean {
  const start = result.start;
  // A date no task can hold is no date: "Task 8701323d" is a title, not a due date 23,000 years on.
  const year = start.get("year");
  if (year !== null && (year < MIN_DUE_YEAR || year > MAX_DUE_YEAR)) return false;
  return (
    start.isCertain("day") ||
    start.isCertain("weekday") ||
    start.isCertain("hour") ||
    // Relative phrases ("in 3 days", "next week") imply the day.
    /\b(?:in|next|this|after|ago|week)\b/i.test(result.text)
  );
}

const CONNECTORS = /(?:^|\s)(?:at|on|by|due|for|from)\s*$/i;

function titleWithout(text: string, parts: readonly QuickAddPart[]): string {
  let title = "";
  let cursor = 0;
  for (const part of [...parts].sort((a, b) => a.start - b.start)) {
    let before = text.slice(cursor, part.start);
    // "Call Ana at 5pm": chrono reads "5pm"; the "at" that led to it goes with it.
    if (part.kind === "date") before = before.replace(CONNECTORS, " ");
    title += before + " ";
    cursor = part.end;
  }
  title += text.slice(cursor);
  return title.replace(/\s+/g, " ").trim();
}

export function parseQuickAdd(text: string, options: QuickAddOptions): QuickAddResult {
  const keep = new Set(options.keep ?? []);
  const protectedSpans = quotedSpans(text);
  const parts: QuickAddPart[] = [];
  const take = (kind: QuickAddPartKind, span: Span): boolean => {
    if (overlaps(span, protectedSpans) || overlaps(span, parts)) return false;
    const part = { kind, start: span.start, end: span.end, text: text.slice(span.start, span.end) };
    if (keep.has(span.start)) {
      protectedSpans.push(span);
      return false;
    }
    parts.push(part);
    return true;
  };

  // A repeat first: its words ("every monday") must not be read as a date by chrono.
  const repeat = findRepeat(text, protectedSpans);
  const repeatTaken = repeat !== undefined && take("repeat", repeat);

  let priority: TaskPriority | null = null;
  for (const token of findTokens(text, /(?<![\p{L}\p{N}@#])p([1-4])(?![\p{L}\p{N}])/giu, protectedSpans)) {
    if (priority === null && take("priority", token))
      priority = PRIORITY_WORDS.get(token.match[0].toLowerCase()) ?? null;
  }

  const labels: string[] = [];
  const labelPattern = new RegExp(
    `(?<![\\p{L}\\p{N}@.])@([${LABEL_CHARS}]{1,${LABEL_MAX}})(?![${LABEL_CHARS}@.])`,
    "gu",
  );
  for (const token of findTokens(text, labelPattern, protectedSpans)) {
    const label = token.match[1] ?? "";
    // A label typed twice is one label, and both mentions leave the title; past the limit, text.
    const repeated = labels.some((known) => labelKey(known) === labelKey(label));
    if (!repeated && labels.length >= MAX_LABELS) continue;
    if (take("label", token) && !repeated) labels.push(label);
  }

  let list: string | null = null;
  const names = [...(options.lists ?? [])].sort((a, b) => b.length - a.length);
  if (names.length > 0) {
    for (const hash of text.matchAll(/(?<![\p{L}\p{N}&])#/gu)) {
      const rest = text.slice(hash.index + 1);
      const name = names.find(
        (candidate) =>
          rest.slice(0, candidate.length).toLowerCase() === candidate.toLowerCase() &&
          !/[\p{L}\p{N}_-]/u.test(rest.charAt(candidate.length)),
      );
      if (name && take("list", { start: hash.index, end: hash.index + 1 + name.length })) {
        list = name;
        break;
      }
    }
  }

  const clock = wallClock(options.now, options.timeZone);
  const today = isoDate(clock.year, clock.month, clock.day);
  // chrono computes in the process's local time; a Date whose local fields are the user's wall
  // clock makes its answers the user's, whatever zone the server runs in.
  const reference = new Date(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  let dueDate: string | null = null;
  let dueTime: string | null = null;
  /** True when the date part names only a time of day ("at 9am"), not a day. */
  let timeOnly = false;
  const readable = masked(text, [...protectedSpans, ...parts]);
  for (const result of chrono.casual.parse(readable, reference, { forwardDate: true })) {
    if (!isSpecificDate(result)) continue;
    const span = { start: result.index, end: result.index + result.text.length };
    // A date is words of its own: not a piece of a code, an id or a version ("ab12-402d-9f",
    // "v2.3d"), and not a bare count with a unit letter ("402d"), which nobody means as a date.
    if (INSIDE_WORD.test(text.charAt(span.start - 1)) || INSIDE_WORD.test(text.charAt(span.end))) continue;
    if (/^\d+\s?[a-z]$/i.test(result.text.trim()) || isCodeLike(result.text)) continue;
    if (!take("date", span)) continue;
    const start = result.start;
    if (/^next week$/i.test(result.text.trim())) {
      // "next week" is the Monday that starts it, as in Todoist and Things, not "in 7 days".
      const weekday = (new Date(Date.UTC(clock.year, clock.month - 1, clock.day)).getUTCDay() + 6) % 7;
      dueDate = addDays(clock.year, clock.month, clock.day, 7 - weekday);
    } else {
      dueDate = isoDate(
        start.get("year") ?? clock.year,
        start.get("month") ?? clock.month,
        start.get("day") ?? clock.day,
      );
    }
    if (start.isCertain("hour")) dueTime = `${pad(start.get("hour") ?? 0)}:${pad(start.get("minute") ?? 0)}`;
    timeOnly = !start.isCertain("day") && !start.isCertain("weekday") && !/\b(?:in|next|this)\b/i.test(result.text);
    break;
  }

  let recurrence: string | null = null;
  let recurrenceText: string | null = null;
  if (repeatTaken && repeat) {
    recurrence = ruleString(repeat.options);
    recurrenceText = describeRecurrence(recurrence);
    // With no day of its own, a repeat starts at its first occurrence: from today, or from
    // tomorrow when the time it names has already passed today.
    if (dueDate === null || timeOnly) {
      const passed = dueTime !== null && dueTime <= `${pad(clock.hour)}:${pad(clock.minute)}`;
      dueDate = firstOccurrence(repeat.options, passed ? addDays(clock.year, clock.month, clock.day, 1) : today);
    }
  }

  const title = titleWithout(text, parts);
  if (title === "") {
    // Nothing but recognised words ("tomorrow"): keep them as the title rather than lose them.
    return {
      title: text.trim(),
      dueDate: null,
      dueTime: null,
      priority: null,
      labels: [],
      list: null,
      recurrence: null,
      recurrenceText: null,
      parts: [],
    };
  }
  return {
    title,
    dueDate,
    dueTime,
    priority,
    labels,
    list,
    recurrence,
    recurrenceText,
    parts: parts.sort((a, b) => a.start - b.start),
  };
}

// ---------------------------------------------------------------------------------------------
// Quick add for a task: the parse as a task can hold it, and what to tell the user.

/** Whether a task can hold this part: every kind now (a list only when `lists` names it). */
function taskCanHold(part: QuickAddPart): boolean {
  return ["date", "priority", "repeat", "label", "list"].includes(part.kind);
}

/**
 * What quick add makes of the text for a new task: parseQuickAdd, with every part a task cannot
 * hold yet left in the title as the words typed (a dismissed part, so nothing typed is lost).
 * The page's preview and the form's action both call this, so they always agree.
 */
export function parseTaskText(text: string, options: QuickAddOptions): QuickAddResult {
  const keep = [...(options.keep ?? [])];
  let result = parseQuickAdd(text, { ...options, keep });
  // Leaving a part as text can let another be read in its place; a few rounds settle it.
  for (let round = 0; round < 4; round++) {
    const unheld = result.parts.filter((part) => !taskCanHold(part));
    if (unheld.length === 0) break;
    keep.push(...unheld.map((part) => part.start));
    result = parseQuickAdd(text, { ...options, keep });
  }
  return result;
}

const PRIORITY_NAMES: Record<TaskPriority, string> = {
  none: "No priority",
  low: "Low",
  medium: "Medium",
  high: "High",
  urgent: "Urgent",
};

/** What was understood, as a person reads it: "Tomorrow 17:00 · Urgent · every Monday"; "" for nothing. */
export function summarizeQuickAdd(result: QuickAddResult, today: string): string {
  const words: string[] = [];
  if (result.dueDate)
    words.push(formatDueLabel(result.dueDate, today, "todo") + (result.dueTime ? ` ${result.dueTime}` : ""));
  if (result.priority) words.push(PRIORITY_NAMES[result.priority]);
  if (result.recurrenceText) words.push(result.recurrenceText);
  words.push(...result.labels.map((label) => `@${label}`));
  if (result.list) words.push(`in ${result.list}`);
  return words.join(" · ");
}

/** Start offsets of dismissed parts, as the form sends them ("3,17"); anything else is ignored. */
export function readKeep(value: string | undefined): number[] {
  if (!value) return [];
  return value
    .split(",")
    .slice(0, 50)
    .filter((item) => /^\d{1,4}$/.test(item))
    .map(Number);
}

/** Longer texts are not parsed: the title rules refuse them anyway, with their own message. */
const QUICK_ADD_TEXT_MAX = 1000;

/**
 * The quick-add form's fields with the title's recognised parts applied: the title loses them,
 * and a date or priority named in the text wins over the form's own field (it is what the user
 * just typed, and the preview showed it). `understood` is the summary for the flash message.
 */
export function applyQuickAdd<
  T extends { title?: string; dueDate?: string; dueTime?: string; repeat?: string; priority?: string; labels?: string },
>(
  values: T,
  options: { timeZone: string; now?: Date; keep?: string; lists?: readonly string[] },
): {
  values: T & { dueDate?: string; dueTime?: string; repeat?: string; priority?: string; labels?: string };
  understood: string;
  /** The list named with "#", as options.lists spells it, or null. */
  list: string | null;
} {
  const text = values.title;
  if (!text || text.length > QUICK_ADD_TEXT_MAX) return { values, understood: "", list: null };
  const now = options.now ?? new Date();
  const result = parseTaskText(text, {
    now,
    timeZone: options.timeZone,
    keep: readKeep(options.keep),
    ...(options.lists ? { lists: options.lists } : {}),
  });
  if (result.parts.length === 0) return { values, understood: "", list: null };
  return {
    list: result.list,
    values: {
      ...values,
      title: result.title,
      // A date named in the text comes with its time, or none (the field's time was for its date).
      ...(result.dueDate ? { dueDate: result.dueDate, dueTime: result.dueTime ?? "" } : {}),
      // The repeat as typed: the service reads it with the same parser (parseRepeat).
      ...(result.recurrence ? { repeat: result.parts.find((part) => part.kind === "repeat")?.text ?? "" } : {}),
      ...(result.priority ? { priority: result.priority } : {}),
      // Labels typed join those the form's field gives (the service checks them all).
      ...(result.labels.length
        ? { labels: [values.labels ?? "", ...result.labels].filter((label) => label !== "").join(",") }
        : {}),
    },
    understood: summarizeQuickAdd(result, todayIn(options.timeZone, now)),
  };
}

// ---------------------------------------------------------------------------------------------
// Repeats on their own: the edit form's repeat field, imports, and completing a recurring task.

/** The RRULE for a text that is only a repeat ("every monday", "Every 2 weeks"), or null. */
export function parseRepeat(text: string): string | null {
  const trimmed = text.trim();
  const found = matchRepeat(trimmed, 0);
  return found && found.end === trimmed.length ? ruleString(found.options) : null;
}

/** True for a rule rrule can read (what an import or the API hands us). */
export function isRecurrenceRule(rule: string): boolean {
  if (!/^FREQ=[A-Z]+(;[A-Z]+=[A-Z0-9,+-]+)*$/.test(rule) || rule.length > 200) return false;
  try {
    RRule.fromString(`RRULE:${rule}`);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first date of the repeat after `date` (or on it, with `inclusive`), as YYYY-MM-DD; null
 * when the rule has ended. Dates are calendar dates (the rule's DTSTART is `date` itself), so the
 * answer is the same in every zone, and a time of day, kept beside it, never shifts with DST.
 */
export function nextOccurrence(rule: string, date: string, inclusive = false): string | null {
  const dtstart = new Date(`${date}T00:00:00Z`);
  const options = RRule.parseString(rule.replace(/^RRULE:/, ""));
  const next = new RRule({ ...options, dtstart }).after(dtstart, inclusive);
  return next ? next.toISOString().slice(0, 10) : null;
}
