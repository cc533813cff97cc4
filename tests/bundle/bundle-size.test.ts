import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "vitest";

// Guards the cold start in CI, where timings are noise: everything index.mjs imports
// statically is loaded before the first request, so its size is what a heavy import changes.
// `npm run bench` measures the time itself.

const functionDir = path.resolve(import.meta.dirname, "../../src/http/any-catchall");

/**
 * 158.9 KiB when set, 175.0 by the JSON API, 177.2 with search (its folding and marking code
 * renders on the list page), about 184 with bulk actions, shortcuts and the export/import page
 * (bulk, undo, import and the API load on first use), 192.4 with two-step sign-in's pages, the
 * rate limits, the security headers and JSON request logs (the QR code and the two-step service
 * load on first use), 150.5 once react-dom's client renderer (imported by react-router-dom for
 * flushSync only) stayed out, 146.2 with the page's schemas on zod/mini (zod's full API, with
 * its methods bound to every schema object, now loads with the JSON API only), 152.4 with two-step
 * recovery codes on top of device cookies, title rules and sign-out everywhere (the recovery page
 * and the account page's panel; the codes' storage and hashing, the admin call and the recovery
 * sign-in load on first use), 153.3 with the task page's back link, the conflict panel's field
 * list and the server-decided navigation (the merge and the description links load on first
 * use), 154.6 with sharing's seven JSON API routes (their handlers, the membership service and
 * SES load on first use), 155.7 with live updates (the writes' notice and the ticket route;
 * the fan-out, the socket client, the ticket service and the management API's SDK load on first
 * use), 159.6 with the Share and Invitations pages (their markup and flash words; the membership
 * service and its repositories load on first use, app/.server/sharing.ts), 162.5 with due times
 * and repeats (the form fields, the rows' wording of a repeat, the services' rules; the quick-add
 * parser, rrule and completing a recurring task load on first use), 170.0 with lists (the
 * list pages, new list and list settings, the lists' service and access, the views across
 * lists and the navigation), 171.5 with the board's keyboard shortcuts (the board's part of the
 * listener and the table of what works where, which the account page lists), 172.0 as the
 * browser's work moved to the server (the due dates' words, the quick-add's More options as
 * HTML: 1 KiB gzip off our JavaScript on /tasks for 0.2 KiB here), 172.8 with deleting an
 * account (the account page's form and words, sign-in's and the API's refusal of a deleted
 * account; the deletion, the purge of deleted lists and their repositories load on first use),
 * 176.2 with sub-tasks on the pages (as measured on main before the next), 178.0 with moving tasks between lists and who added and changed them (the edit form's list
 * choice, a row's Move to…, the bulk move's field, an old address leading to a moved task, a
 * half-done move settled by the next read or write; the move, its retries and the bylines'
 * wording load on first use), 178.5 with assignment on the pages (178.2 measured, main 177.3:
 * the task page's assignee field, "Assigned to me"'s words and status filters, a row's
 * one-click assignment; the choices and a row's assignee menu load on first use), 181.5 with
 * labels (181.2 measured, main 178.2: the Labels page's route, the edit form's labels field, the
 * chips, ?label= on every view and the board, the repository's copies of a task's keys per label
 * and their upkeep on every write, move and read; the label service, its repository and the
 * purge of a list's labels load on first use); 182.0 (181.9 measured, main 181.4) for the task
 * page's "Changed by … just now" (the edit form keeps the task it was opened at while a live
 * reload brings a newer one; the notice itself and its wording load on first use), 182.5 for the
 * count of pending invitations in the lists' navigation (182.3 measured, main 181.9: the session's copy, its reading
 * with the directory and the copies dropped when an invitation changes; the invitations' store
 * loads on first use), 182.3 measured (main 182.5) once the labels' copies' upkeep loads on first use (a write
 * of a task with labels, a move, a label's view: label-copy-repository.ts), 183.0 for Today, Upcoming and "not done"
 * in one Query per list (182.8 measured, main 182.5: byOpenFirst's plan, its key prefix and the fallback while a stage
 * builds the index, on every page's read path), and a bulk move's note naming the tasks a full list had no room
 * for (the flash's note field; its wording, bulk-move-words.ts, loads on use); 183.1 (183.05 measured, main 182.9) for the edit form suggesting the labels of the
 * list picked in it (the task page's markup and its fetch on a change render on the server too; the labels themselves
 * load when picked); 183.2 for a row's status and priority menus written as strings (about 0.1 KiB
 * over main: the registry and the rows' branch for them, app/components/server-html.ts; the strings'
 * code loads on first use), about 5% of a list page's CPU; 183.3 (183.22 measured) for the task page's form
 * keeping a correction typed while a refused save's page reloads (task-page.tsx's useOpenedTask); 183.9 (183.78
 * measured, main 183.2) for All across lists in one Query of byIndexUser (its plan, the filter and the reading on past
 * filtered tasks, on the read path of every view across lists, and the pages keeping a refused submission's answer
 * across live reloads, which render on the server too); 184.0 (183.94 measured) for Today, Upcoming and not done in one
 * Query of byIndexUserOpen; 184.4 (184.33 measured) for a task's page reading its list's item and the task in one
 * BatchGetItem (openTask, getListWith and the batch across tables); a stray SDK or polyfill adds 40 KiB or more. The time this costs
 * is what counts: the first request after a cold start, held at about 200 ms by `npm run bench`.
 */
const COLD_START_GZIP_CEILING = 184.4 * 1024;

/** index.mjs (or another start) and every chunk it imports statically (not the ones behind import()). */
function loadedAtImport(start = path.join(functionDir, "index.mjs")): Map<string, string> {
  const files = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    const source = readFileSync(file, "utf8");
    files.set(file, source);
    for (const match of source.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/[^"']+)["']/g)) {
      queue.push(path.resolve(path.dirname(file), match[1] as string));
    }
  }
  return files;
}

test("the bundle exists (npm run build runs before the tests)", () => {
  expect(existsSync(path.join(functionDir, "index.mjs"))).toBe(true);
});

test("the code loaded at import stays under its gzip ceiling", () => {
  const files = loadedAtImport();
  const gzip = [...files.values()].reduce((sum, source) => sum + gzipSync(source).length, 0);

  expect(files.size).toBeGreaterThan(0);
  expect(gzip, `${(gzip / 1024).toFixed(1)} KiB gzip in ${files.size} files`).toBeLessThanOrEqual(
    COLD_START_GZIP_CEILING,
  );
});

test("the AWS SDK clients, the fetch polyfill, the client renderer, zod's full API and the quick-add parser are not loaded at import", () => {
  const loaded = [...loadedAtImport().values()].join("\n");

  // Service identifiers each client sends with every call, so they survive minification.
  expect(loaded).not.toContain("AWSCognitoIdentityProviderService");
  expect(loaded).not.toContain("DynamoDB_20120810");
  // undici's error codes (the fetch polyfill @remix-run/node would install).
  expect(loaded).not.toContain("UND_ERR_");
  // The property react-dom's client renderer marks its root containers with.
  expect(loaded).not.toContain("__reactContainer");
  // zod's English messages, which only its full API ("zod", not "zod/mini") installs.
  expect(loaded).not.toContain("Too small: expected");
  // The quick-add parser's date and repeat libraries (rrule names DTSTART), loaded by the first add.
  expect(loaded).not.toContain("DTSTART");
});

test("the labels' copies' upkeep loads on first use (a write with labels, a move, a label's view), not at import", () => {
  const loaded = [...loadedAtImport().values()].join("\n");
  // label-copy-repository.ts's log message, which survives minification, and its chunk beside the handler.
  expect(loaded).not.toContain("Mending a label's copies failed");
  const chunk = readdirSync(path.join(functionDir, "chunks")).find((name) => name.startsWith("label-copy-repository-"));
  expect(chunk).toBeDefined();
  const onFirstUse = [...loadedAtImport(path.join(functionDir, "chunks", chunk ?? "")).values()].join("\n");
  expect(onFirstUse).toContain("Mending a label's copies failed");
});
