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

test("Upcoming is a place of its own, not All tasks", () => {
  expect(currentNavKey("/tasks", "?due=upcoming")).toBe("upcoming");
  expect(currentNavKey("/tasks", "?due=upcoming&q=rent")).toBe("upcoming");
});

test("a task's page belongs to the view it was opened from", () => {
  const task = "/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV";
  expect(currentNavKey(task, `?back=${encodeURIComponent("/tasks?due=upcoming")}`)).toBe("upcoming");
  expect(currentNavKey(task, `?back=${encodeURIComponent("/tasks?due=today&status=todo")}`)).toBe("today");
  expect(currentNavKey(task, `?back=${encodeURIComponent("/board?sort=due")}`)).toBe("board");
  expect(currentNavKey(task, `?back=${encodeURIComponent("/tasks?status=done")}`)).toBe("all");
  expect(currentNavKey(task, "?back=https%3A%2F%2Fevil.example%2Fboard")).toBe("all");
  expect(currentNavKey(task, "?back=%2Faccount")).toBe("all");
});

test("Board is current on /board; pages outside the three places mark none", () => {
  expect(currentNavKey("/board", "")).toBe("board");
  expect(currentNavKey("/account", "")).toBeNull();
  expect(currentNavKey("/", "")).toBeNull();
  expect(currentNavKey("/tasksomething", "")).toBeNull();
  expect(currentNavKey("/boards", "")).toBeNull();
  expect(currentNavKey("/tasks/import", "")).toBeNull();
});

test("Assigned to me is a place of its own, with its filters and search, and for a task opened from it", () => {
  expect(currentNavKey("/tasks", "?assignee=me")).toBe("assigned");
  expect(currentNavKey("/tasks", "?assignee=me&status=done&q=rent")).toBe("assigned");
  const back = encodeURIComponent("/tasks?assignee=me&status=not_done");
  expect(currentNavKey("/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV", `?back=${back}`)).toBe("assigned");
});
