import { expect, test } from "vitest";
import { safeReturnTo } from "#app/.server/forms.ts";

test("a list or board URL of ours comes back as it was", () => {
  expect(safeReturnTo("/tasks")).toBe("/tasks");
  expect(safeReturnTo("/tasks?status=done&sort=due")).toBe("/tasks?status=done&sort=due");
  expect(safeReturnTo("/board?sort=priority")).toBe("/board?sort=priority");
  expect(safeReturnTo("/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV")).toBe("/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV");
  // One list's pages: a change made on a list or its board comes back there, not to All tasks.
  expect(safeReturnTo("/lists/inbox?status=done")).toBe("/lists/inbox?status=done");
  expect(safeReturnTo("/lists/l_01ARZ3NDEKTSV4RRFFQ69G5FAV/board?sort=due")).toBe(
    "/lists/l_01ARZ3NDEKTSV4RRFFQ69G5FAV/board?sort=due",
  );
});

test("anything that leaves our lists, or resolves to another host, falls back to /tasks", () => {
  for (const value of [
    undefined,
    "",
    "https://evil.example/tasks",
    "//evil.example/tasks",
    "/\\evil.example",
    "/account",
    "/taskslist",
    "/lists",
    "/lists/",
    "/listsx/inbox",
    "/lists/inbox/..//evil.example",
    // Dot segments that resolve to "//host", which a browser reads as another site.
    "/tasks/..//evil.example",
    "/board/%2e%2e//evil.example/x",
    "/tasks/../../account",
    `/tasks?${"x".repeat(2100)}`,
  ])
    expect(safeReturnTo(value), String(value)).toBe("/tasks");
  expect(safeReturnTo("/tasks/..//evil.example", "/board")).toBe("/board");
});
