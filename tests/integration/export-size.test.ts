import { gzipSync } from "node:zlib";
import { expect, test } from "vitest";
import { batchPutTasks } from "#src/tasks/task-repository.ts";
import { newTask } from "#src/tasks/task-service.ts";
import type { TaskFields } from "#src/tasks/task-repository.ts";
import { TASK_PRIORITIES, TASK_STATUSES, type TaskInput } from "#src/tasks/task.ts";
import { loadHandler, httpEvent, newSignedInUser, type SignedInUser } from "#tests/support/lambda-client.ts";
import type { Context } from "aws-lambda";
import { confirmImport, importTokenOf, subOf, uploadImport } from "#tests/support/import-client.ts";

// The largest exports: 10,000 tasks with realistic text go through; a worst case past Lambda's
// 6 MB response limit gets a clear 507 rather than API Gateway's bare 502. The figures are
// printed for docs/performance.md (bytes raw and compressed, time, memory), never asserted as timings.

const WORDS =
  "the a to review send update call plan draft meeting report budget client design team notes invoice follow up with about for on next week quarterly release bug fix customer feedback slides agenda schedule dentist groceries book flights renew passport pay rent".split(
    " ",
  );

/** Deterministic pseudo-random text, so each run exports the same bytes. */
function seededWords(seed: number, count: number): string {
  let state = seed;
  const words: string[] = [];
  for (let index = 0; index < count; index += 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    words.push(WORDS[(state >>> 16) % WORDS.length] as string);
  }
  return words.join(" ");
}

function realisticTask(index: number): TaskFields {
  return {
    title: `${seededWords(index, 3 + (index % 8))} #${index}`.slice(0, 200),
    // Most tasks have a short note, some none, a few a long one: about 180 characters on average.
    description: index % 4 === 0 ? "" : seededWords(index * 7, index % 25 === 0 ? 150 : 25 + (index % 20)),
    status: TASK_STATUSES[index % 3] as TaskInput["status"],
    dueDate:
      index % 3 === 0
        ? null
        : `2027-${String((index % 12) + 1).padStart(2, "0")}-${String((index % 28) + 1).padStart(2, "0")}`,
    dueTime: null,
    recurrence: null,
    priority: TASK_PRIORITIES[index % 5] as TaskInput["priority"],
  };
}

/** Random CJK text: 3 bytes a character in UTF-8, and close to incompressible. */
function incompressibleText(length: number): string {
  const values = crypto.getRandomValues(new Uint16Array(length));
  return Array.from(values, (value) => String.fromCodePoint(0x4e00 + (value % 20_000))).join("");
}

async function invokeRaw(user: SignedInUser, target: string, acceptEncoding?: string) {
  const handler = await loadHandler();
  const event = httpEvent(target, {
    cookies: [user.cookie],
    headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {},
  });
  const started = performance.now();
  const result = await handler(event, {} as Context);
  return { result, ms: performance.now() - started, payloadBytes: Buffer.byteLength(JSON.stringify(result)) };
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;

test(
  "10,000 tasks with realistic text export as JSON and CSV within Lambda's response limit",
  { timeout: 300_000 },
  async () => {
    const user = await newSignedInUser();
    const owner = await subOf(user);
    await batchPutTasks(
      Array.from({ length: 10_000 }, (_, index) => newTask(owner, realisticTask(index), owner)),
      undefined,
    );

    for (const format of ["json", "csv"] as const) {
      const heapBefore = process.memoryUsage().heapUsed;
      const compressed = await invokeRaw(user, `/tasks/export.${format}`, "gzip, deflate, br");
      const rssAfter = process.memoryUsage().rss;
      const raw = await invokeRaw(user, `/tasks/export.${format}`);

      expect(compressed.result.statusCode).toBe(200);
      expect(compressed.result.headers?.["X-Task-Count"] ?? compressed.result.headers?.["x-task-count"]).toBe("10000");
      const body = raw.result.statusCode === 200 ? (raw.result.body ?? "") : "";
      const rawBytes = Buffer.byteLength(body);
      console.log(
        `export.${format} of 10,000 tasks: raw ${mb(rawBytes)} (${raw.result.statusCode} without Accept-Encoding, payload ${mb(raw.payloadBytes)}), ` +
          `gzip ${mb(gzipSync(body).length)}, brotli q3 as sent ${mb(Buffer.from(compressed.result.body ?? "", "base64").length)} ` +
          `(payload ${mb(compressed.payloadBytes)}), ${compressed.ms.toFixed(0)} ms with compression, ${raw.ms.toFixed(0)} ms without, ` +
          `heap +${mb(process.memoryUsage().heapUsed - heapBefore)} after, rss ${mb(rssAfter)}`,
      );
      expect(compressed.payloadBytes).toBeLessThan(6_291_456);
    }

    // The larger file (JSON) imported into another user: preview, then confirm.
    const file = await invokeRaw(user, "/tasks/export.json");
    const copy = await newSignedInUser();
    let started = performance.now();
    const preview = await uploadImport(copy, file.result.body ?? "", "tasks.json");
    const previewMs = performance.now() - started;
    expect(preview.text).toContain("10,000 tasks will be created");
    started = performance.now();
    const confirmed = await confirmImport(copy, importTokenOf(preview));
    const confirmMs = performance.now() - started;
    expect(confirmed.status).toBe(303);
    const copied = await invokeRaw(copy, "/tasks/export.json");
    expect(copied.result.headers?.["X-Task-Count"] ?? copied.result.headers?.["x-task-count"]).toBe("10000");
    console.log(
      `import of the 10,000-task JSON (${mb(Buffer.byteLength(file.result.body ?? ""))}): preview ${previewMs.toFixed(0)} ms, confirm ${confirmMs.toFixed(0)} ms, rss ${mb(process.memoryUsage().rss)}`,
    );
  },
);

test(
  "an export past 6 MB even compressed is a 507 with a message, not a broken download",
  { timeout: 300_000 },
  async () => {
    const user = await newSignedInUser();
    const owner = await subOf(user);
    // 700 tasks with 5,000 random CJK characters each: about 10.5 MB raw, barely compressible.
    await batchPutTasks(
      Array.from({ length: 700 }, (_, index) =>
        newTask(owner, { ...realisticTask(index), description: incompressibleText(5000) }, owner),
      ),
      undefined,
    );

    for (const acceptEncoding of ["gzip, deflate, br", undefined]) {
      const { result, payloadBytes } = await invokeRaw(user, "/tasks/export.json", acceptEncoding);

      expect(result.statusCode).toBe(507);
      expect(result.body).toContain("Your export is too large to download in one file");
      expect(payloadBytes).toBeLessThan(10_000);
    }
  },
);
