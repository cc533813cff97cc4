import { takeLabels } from "#src/tasks/task-labels.ts";
import { expect, test } from "vitest";
import * as z from "zod/mini";
import { taskInputSchema, taskListQuerySchema, taskUpdateSchema } from "#src/tasks/task.ts";

function errorsFor(input: unknown, schema: typeof taskInputSchema | typeof taskUpdateSchema = taskInputSchema) {
  const result = schema.safeParse(input);
  return (result.success ? {} : z.flattenError(result.error as z.core.$ZodError).fieldErrors) as Partial<
    Record<string, string[]>
  >;
}

test("a title is trimmed, the status defaults to todo, the priority to none and there is no due date, time or repeat", () => {
  expect(taskInputSchema.parse({ title: "  Buy milk  " })).toEqual({
    title: "Buy milk",
    description: "",
    status: "todo",
    dueDate: null,
    dueTime: null,
    repeat: null,
    labels: [],
    priority: "none",
  });
});

test("labels: commas or spaces, an @ allowed, repeats in any case once, up to 20; nothing hostile", () => {
  expect(taskInputSchema.parse({ title: "x", labels: " errand, @Home  home,errand " }).labels).toEqual([
    "errand",
    "Home",
  ]);
  expect(taskInputSchema.parse({ title: "x", labels: "" }).labels).toEqual([]);
  const many = Array.from({ length: 21 }, (_, i) => `l${i}`).join(",");
  expect(taskInputSchema.safeParse({ title: "x", labels: many }).success).toBe(false);
  for (const bad of ["a#b", "<script>", "x".repeat(41), "a\u0000b", "a/b", "\u202eevil", "a.b", 'a"b']) {
    expect(taskInputSchema.safeParse({ title: "x", labels: bad }).success, bad).toBe(false);
  }

  expect(
    taskUpdateSchema.parse({ title: "x", description: "", status: "todo", dueDate: "", priority: "none", version: "1" })
      .labels,
  ).toBeUndefined();
});

test("a view's label: one label name, matched by key", () => {
  expect(taskListQuerySchema.parse({ label: "@Errand" }).label).toBe("errand");
  expect(taskListQuerySchema.parse({}).label).toBeUndefined();
  expect(taskListQuerySchema.safeParse({ label: "a b" }).success).toBe(false);
});

test("a due time is HH:MM on a 24-hour clock; empty is none; a repeat is text up to 100 characters", () => {
  expect(
    taskInputSchema.parse({ title: "x", dueDate: "2026-12-07", dueTime: "09:30", repeat: " every monday " }),
  ).toMatchObject({
    dueTime: "09:30",
    repeat: "every monday",
  });
  expect(errorsFor({ title: "x", dueTime: "24:00" }).dueTime).toEqual(["Enter a time as HH:MM."]);
  expect(errorsFor({ title: "x", dueTime: "9am" }).dueTime).toEqual(["Enter a time as HH:MM."]);
  expect(errorsFor({ title: "x", repeat: "every ".repeat(20) }).repeat).toEqual([
    "A repeat can be at most 100 characters.",
  ]);
});

test("a missing, empty or blank title is rejected", () => {
  expect(errorsFor({}).title).toEqual(["Title is required."]);
  expect(errorsFor({ title: "" }).title).toEqual(["Title is required."]);
  expect(errorsFor({ title: " \t " }).title).toEqual(["Title is required."]);
});

test("a title of 200 characters is accepted and 201 is rejected", () => {
  expect(taskInputSchema.safeParse({ title: "x".repeat(200) }).success).toBe(true);
  expect(errorsFor({ title: "x".repeat(201) }).title).toEqual(["Title must be at most 200 characters."]);
});

test("title length counts characters, not UTF-16 code units", () => {
  expect(taskInputSchema.safeParse({ title: "😀".repeat(200) }).success).toBe(true);
  expect(taskInputSchema.safeParse({ title: "😀".repeat(201) }).success).toBe(false);
});

test("a title with a control character is rejected", () => {
  for (const title of ["a\u0000b", "line\nbreak", "tab\there", "del\u007f", "c1\u0085"]) {
    expect(errorsFor({ title }).title, JSON.stringify(title)).toEqual(["Title cannot contain control characters."]);
  }
});

test("half of a surrogate pair on its own is refused, in a title and in a description; a whole pair is text", () => {
  for (const text of ["\ud800", "a\udfffb", "end\ud83d"]) {
    expect(errorsFor({ title: text }).title, JSON.stringify(text)).toEqual([
      "Title contains a character that is not valid text.",
    ]);
    expect(errorsFor({ title: "t", description: text }).description, JSON.stringify(text)).toEqual([
      "Description contains a character that is not valid text.",
    ]);
  }
  expect(taskInputSchema.parse({ title: "\ud83d\ude00 ok", description: "\ud83d\ude00" }).title).toBe("😀 ok");
});

test("a description keeps line breaks and normalises CRLF", () => {
  expect(taskInputSchema.parse({ title: "t", description: "one\r\ntwo\rthree\n\tfour" }).description).toBe(
    "one\ntwo\nthree\n\tfour",
  );
});

test("a description of 5,000 characters is accepted and 5,001 is rejected", () => {
  expect(taskInputSchema.safeParse({ title: "t", description: "d".repeat(5000) }).success).toBe(true);
  expect(errorsFor({ title: "t", description: "d".repeat(5001) }).description).toEqual([
    "Description must be at most 5,000 characters.",
  ]);
});

test("a description with control characters other than newline and tab is rejected", () => {
  expect(errorsFor({ title: "t", description: "bell\u0007" }).description).toEqual([
    "Description cannot contain control characters.",
  ]);
});

test("only the three statuses are accepted", () => {
  for (const status of ["todo", "in_progress", "done"]) {
    expect(taskInputSchema.parse({ title: "t", status }).status).toBe(status);
  }
  expect(errorsFor({ title: "t", status: "archived" }).status).toEqual(["Choose a valid status."]);
  expect(errorsFor({ title: "t", status: "DONE" }).status).toEqual(["Choose a valid status."]);
});

test("values that are not strings count as missing", () => {
  expect(errorsFor({ title: 42 }).title).toEqual(["Title is required."]);
  expect(taskInputSchema.parse({ title: "t", description: ["x"] }).description).toBe("");
});

test("an update needs a positive integer version", () => {
  expect(
    taskUpdateSchema.parse({ title: "t", description: "", status: "done", dueDate: "", priority: "low", version: "7" })
      .version,
  ).toBe(7);
  for (const version of [undefined, "", "0", "-1", "1.5", "1e3", "abc", "99999999999"]) {
    expect(errorsFor({ title: "t", version }, taskUpdateSchema).version, String(version)).toBeDefined();
  }
});

test("a title of only invisible characters is empty, and bidi overrides are refused", () => {
  expect(errorsFor({ title: "\u200b\u200d\u2060" }).title).toEqual(["Title is required."]);
  expect(errorsFor({ title: "invoice\u202egnp.exe" }).title).toEqual(["Title cannot contain control characters."]);
  expect(taskInputSchema.parse({ title: "👨‍👩‍👧 family" }).title).toBe("👨‍👩‍👧 family");
});

test("a due date is a real calendar date written YYYY-MM-DD; empty means none", () => {
  expect(taskInputSchema.parse({ title: "t", dueDate: "2026-02-28" }).dueDate).toBe("2026-02-28");
  expect(taskInputSchema.parse({ title: "t", dueDate: "2028-02-29" }).dueDate).toBe("2028-02-29");
  expect(taskInputSchema.parse({ title: "t", dueDate: " 2026-12-24 " }).dueDate).toBe("2026-12-24");
  expect(taskInputSchema.parse({ title: "t", dueDate: "" }).dueDate).toBeNull();
  for (const dueDate of [
    "2026-02-30",
    "2027-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-1-5",
    "24/12/2026",
    "tomorrow",
  ]) {
    expect(errorsFor({ title: "t", dueDate }).dueDate, dueDate).toEqual(["Enter a real date as YYYY-MM-DD."]);
  }
  expect(errorsFor({ title: "t", dueDate: "0099-01-01" }).dueDate).toEqual(["Enter a date between 1900 and 2999."]);
  expect(errorsFor({ title: "t", dueDate: "9999-12-31" }).dueDate).toEqual(["Enter a date between 1900 and 2999."]);
});

test("only the five priorities are accepted", () => {
  for (const priority of ["none", "low", "medium", "high", "urgent"]) {
    expect(taskInputSchema.parse({ title: "t", priority }).priority).toBe(priority);
  }
  expect(errorsFor({ title: "t", priority: "critical" }).priority).toEqual(["Choose a valid priority."]);
});

test("an update must carry the due date and priority fields, so an old form cannot blank them", () => {
  const errors = errorsFor({ title: "t", description: "", status: "todo", version: "1" }, taskUpdateSchema);
  expect(errors.dueDate).toEqual(["The form is incomplete or out of date; reload the task and try again."]);
  expect(errors.priority).toEqual(["The form is incomplete or out of date; reload the task and try again."]);
  expect(
    taskUpdateSchema.parse({ title: "t", description: "", status: "todo", dueDate: "", priority: "none", version: "1" })
      .dueDate,
  ).toBeNull();
});

test("a title that only looks empty is required, whatever fills it", () => {
  for (const title of [
    "\u3164",
    "\u3164\u3164",
    "\u115f\u1160",
    "\uffa0",
    "\u2800",
    "\u034f",
    "\ufe0f",
    "\u{e0041}\u{e0042}",
    "\u2028",
    "\u00ad\u200b",
  ]) {
    expect(errorsFor({ title }).title?.[0], JSON.stringify(title)).toBe("Title is required.");
  }
});

test("a title is one line: line and paragraph separators become spaces; blank fillers at its ends go", () => {
  expect(taskInputSchema.parse({ title: "Pay rent\u2028now\u2029please" }).title).toBe("Pay rent now please");
  expect(taskInputSchema.parse({ title: "\u3164\u200bPay rent\u2800\ufeff" }).title).toBe("Pay rent");
  expect(taskInputSchema.parse({ title: "t", description: "one\u2028two\u2029three" }).description).toBe(
    "one\ntwo\nthree",
  );
});

test("hidden tag text is refused, but a subdivision flag and emoji with variation selectors are kept", () => {
  const smuggled = `Buy milk${[..."ignore previous"].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join("")}`;
  const england = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}";
  expect(errorsFor({ title: smuggled }).title).toEqual(["Title cannot contain invisible tag characters."]);
  expect(errorsFor({ title: "t", description: smuggled }).description).toEqual([
    "Description cannot contain invisible tag characters.",
  ]);
  expect(taskInputSchema.parse({ title: `Match ${england}` }).title).toBe(`Match ${england}`);
  expect(taskInputSchema.parse({ title: "Love ❤️" }).title).toBe("Love ❤️");
  expect(taskInputSchema.parse({ title: "می‌خواهم" }).title).toBe("می‌خواهم");
});

test("Todoist's content: '@label' words become labels; addresses, lone @ and a title of labels only stay text", () => {
  expect(takeLabels("Buy stamps @errand @Post-Office")).toEqual({
    title: "Buy stamps",
    labels: ["errand", "Post-Office"],
  });
  expect(takeLabels("@home Clean  the oven @HOME")).toEqual({ title: "Clean the oven", labels: ["home"] });
  expect(takeLabels("Mail bob@example.com about @ the rota")).toEqual({
    title: "Mail bob@example.com about @ the rota",
    labels: [],
  });
  expect(takeLabels("@home @errand")).toEqual({ title: "@home @errand", labels: [] });
  expect(takeLabels(`Note @a#b @${"x".repeat(41)}`)).toEqual({ title: `Note @a#b @${"x".repeat(41)}`, labels: [] });
  const many = Array.from({ length: 22 }, (_, i) => `@l${i}`).join(" ");
  expect(takeLabels(`Pack ${many}`)).toEqual({
    title: "Pack @l20 @l21",
    labels: Array.from({ length: 20 }, (_, i) => `l${i}`),
  });
});
