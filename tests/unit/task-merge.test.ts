import { expect, test } from "vitest";
import type { Task } from "#src/tasks/task-constants.ts";
import type { EditValues } from "#src/tasks/task-edit-fields.ts";
import { mergeEdit } from "#src/tasks/task-merge.ts";

const loaded: Task = {
  id: "01ARZ3NDEKTSV4RRFFQ69G5FAV",
  listId: "owner",
  title: "Plan the trip",
  description: "Trains\nHotels",
  status: "todo",
  dueDate: null,
  priority: "none",
  createdAt: "2026-12-01T10:00:00.000Z",
  updatedAt: "2026-12-01T10:00:00.000Z",
  version: 1,
};
const base: EditValues = {
  title: "Plan the trip",
  description: "Trains\nHotels",
  status: "todo",
  dueDate: "",
  priority: "none",
};

test("someone else's changes to fields the user did not touch are kept; the user's own edits too", () => {
  const current = { ...loaded, status: "in_progress" as const, dueDate: "2027-03-01", version: 2 };
  const mine = { ...base, title: "Plan the summer trip" };

  const merge = mergeEdit(base, mine, current);

  expect(merge.values).toEqual({
    title: "Plan the summer trip",
    description: "Trains\nHotels",
    status: "in_progress",
    dueDate: "2027-03-01",
    // A form from before times, repeats and labels: they stay as stored.
    dueTime: "",
    repeat: "",
    labels: "",
    priority: "none",
  });
  expect(merge.changedElsewhere).toEqual(["status", "dueDate"]);
  expect(merge.clashes).toEqual([]);
});

test("a field both changed is a clash, and the form keeps the user's version of it", () => {
  const current = { ...loaded, title: "Plan the winter trip", priority: "high" as const, version: 2 };
  const mine = { ...base, title: "Plan the summer trip" };

  const merge = mergeEdit(base, mine, current);

  expect(merge.values.title).toBe("Plan the summer trip");
  expect(merge.values.priority).toBe("high");
  expect(merge.changedElsewhere).toEqual(["title", "priority"]);
  expect(merge.clashes).toEqual(["title"]);
});

test("both making the same change is no clash; line breaks and end spaces as the browser sends them are no change", () => {
  const current = { ...loaded, status: "done" as const, version: 2 };
  const mine = { ...base, status: "done", description: "Trains\r\nHotels\r\n", title: " Plan the trip " };

  const merge = mergeEdit(base, mine, current);

  expect(merge.changedElsewhere).toEqual(["status"]);
  expect(merge.clashes).toEqual([]);
  expect(merge.values.description).toBe("Trains\nHotels");
});

test("a form without its base (from an older page) keeps every field as the user sent it", () => {
  const current = { ...loaded, priority: "urgent" as const, version: 2 };
  const mine = { ...base, title: "Plan the summer trip" };

  const merge = mergeEdit({}, mine, current);

  expect(merge.values).toEqual({ ...mine, dueTime: "", repeat: "", labels: "" });
  expect(merge.changedElsewhere).toEqual(["title", "priority"]);
  expect(merge.clashes).toEqual(["title", "priority"]);
});

test("a time and a repeat set elsewhere are kept when the user changed neither", () => {
  const current = {
    ...loaded,
    dueDate: "2027-03-01",
    dueTime: "09:00",
    recurrence: { rule: "FREQ=WEEKLY;BYDAY=MO", timeZone: "Europe/Berlin" },
    version: 2,
  };
  const withTimes: EditValues = { ...base, dueTime: "", repeat: "" };

  const merge = mergeEdit(withTimes, { ...withTimes, title: "Plan the summer trip" }, current);

  expect(merge.values).toMatchObject({ title: "Plan the summer trip", dueTime: "09:00", repeat: "every Monday" });
  expect(merge.changedElsewhere).toEqual(["dueDate", "dueTime", "repeat"]);
  expect(merge.clashes).toEqual([]);
});
