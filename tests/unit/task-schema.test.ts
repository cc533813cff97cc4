import { expect, test } from "vitest";
import { taskInputSchema, taskUpdateSchema } from "#src/tasks/task.ts";

function errorsFor(input: unknown, schema: typeof taskInputSchema | typeof taskUpdateSchema = taskInputSchema) {
  const result = schema.safeParse(input);
  return (result.success ? {} : result.error.flatten().fieldErrors) as Partial<Record<string, string[]>>;
}

test("a title is trimmed and the status defaults to todo", () => {
  expect(taskInputSchema.parse({ title: "  Buy milk  " })).toEqual({
    title: "Buy milk",
    description: "",
    status: "todo",
  });
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
  expect(taskUpdateSchema.parse({ title: "t", description: "", status: "done", version: "7" }).version).toBe(7);
  for (const version of [undefined, "", "0", "-1", "1.5", "1e3", "abc", "99999999999"]) {
    expect(errorsFor({ title: "t", version }, taskUpdateSchema).version, String(version)).toBeDefined();
  }
});

test("a title of only invisible characters is empty, and bidi overrides are refused", () => {
  expect(errorsFor({ title: "\u200b\u200d\u2060" }).title).toEqual(["Title is required."]);
  expect(errorsFor({ title: "invoice\u202egnp.exe" }).title).toEqual(["Title cannot contain control characters."]);
  expect(taskInputSchema.parse({ title: "👨‍👩‍👧 family" }).title).toBe("👨‍👩‍👧 family");
});
