import { expect, test } from "vitest";
import { currentNavKey } from "#app/site-nav.ts";

test("Today is current for /tasks?due=today, with or without other parameters", () => {
  expect(currentNavKey("/tasks", "?due=today")).toBe("today");
  expect(currentNavKey("/tasks", "?status=done&due=today")).toBe("today");
});

test("All tasks is current for /tasks with any other query, and for a task's own page", () => {
  expect(currentNavKey("/tasks", "")).toBe("all");
  expect(currentNavKey("/tasks/", "")).toBe("all");
  expect(currentNavKey("/tasks", "?status=done")).toBe("all");
  expect(currentNavKey("/tasks", "?due=tomorrow")).toBe("all");
  expect(currentNavKey("/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV", "?due=today")).toBe("all");
});

test("Board is current on /board; pages outside the three places mark none", () => {
  expect(currentNavKey("/board", "")).toBe("board");
  expect(currentNavKey("/account", "")).toBeNull();
  expect(currentNavKey("/", "")).toBeNull();
  expect(currentNavKey("/tasksomething", "")).toBeNull();
  expect(currentNavKey("/boards", "")).toBeNull();
  expect(currentNavKey("/tasks/import", "")).toBeNull();
});
