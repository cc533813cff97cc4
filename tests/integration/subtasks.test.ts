import { afterEach, describe, expect, inject, test } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "#src/errors.ts";
import { inboxAccess, resolveListAccess } from "#src/lists/list-access.ts";
import { addMember, writeDirectory } from "#src/lists/list-repository.ts";
import { createList } from "#src/lists/list-service.ts";
import { changeSubtasks } from "#src/tasks/subtask-service.ts";
import { applyBulk } from "#src/tasks/task-bulk-service.ts";
import { addDays, todayIn } from "#src/tasks/task-dates.ts";
import { getTask as getStoredTask } from "#src/tasks/task-repository.ts";
import { createTask, deleteTaskWithUndo, setTaskStatusWithUndo, updateTask } from "#src/tasks/task-service.ts";
import { undoChange } from "#src/tasks/task-undo-service.ts";
import { exportTasks } from "#src/tasks/task-export-service.ts";
import { parseImportFile } from "#src/tasks/task-import.ts";
import type { Task } from "#src/tasks/task.ts";
import { issueLiveTicket } from "#src/live/live-service.ts";
import { recordCallsDuring } from "#tests/support/dynamo-calls.ts";
import { newOwnerId } from "#tests/support/factories.ts";
import { openLiveSocket, subscribe, type LiveSocket } from "#tests/support/live-socket.ts";

// Sub-tasks (issue 24): a task's checklist, each change one conditional write on the task's
// version, against the local DynamoDB through the services the pages and the API use.

const opened: LiveSocket[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((socket) => socket.close()));
});

async function refusal(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  return undefined;
}

const steps = (task: Task) => (task.subtasks ?? []).map((subtask) => `${subtask.done ? "x" : "-"} ${subtask.title}`);

async function taskWithSteps(owner: string, titles: string[], fields: Record<string, string> = {}) {
  const access = inboxAccess(owner);
  let task = await createTask(access, { title: "Pack for the trip", ...fields });
  for (const title of titles)
    ({ task } = await changeSubtasks(access, task.id, "add", { title, version: String(task.version) }));
  return { access, task };
}

test("sub-tasks are added in order, ticked, renamed, moved and removed, each a new version of the task", async () => {
  const owner = newOwnerId();
  const { access, task: added } = await taskWithSteps(owner, ["Passport", "Charger", "Socks"]);
  expect(steps(added)).toEqual(["- Passport", "- Charger", "- Socks"]);
  expect(added.version).toBe(4);
  const [passport, charger, socks] = added.subtasks ?? [];
  expect(new Set([passport?.id, charger?.id, socks?.id]).size).toBe(3);

  let { task } = await changeSubtasks(access, added.id, "done", { subtask: charger?.id, version: "4" });
  expect(steps(task)).toEqual(["- Passport", "x Charger", "- Socks"]);
  ({ task } = await changeSubtasks(access, task.id, "rename", {
    subtask: socks?.id,
    title: "  Wool socks ",
    version: String(task.version),
  }));
  ({ task } = await changeSubtasks(access, task.id, "move", {
    subtask: socks?.id,
    move: "up",
    version: String(task.version),
  }));
  expect(steps(task)).toEqual(["- Passport", "- Wool socks", "x Charger"]);
  ({ task } = await changeSubtasks(access, task.id, "done", {
    subtask: charger?.id,
    done: "false",
    version: String(task.version),
  }));
  ({ task } = await changeSubtasks(access, task.id, "remove", {
    subtask: passport?.id,
    version: String(task.version),
  }));

  expect(steps(task)).toEqual(["- Wool socks", "- Charger"]);
  expect(task.version).toBe(9);
  // Stored as shown, with the ids they had.
  const stored = await getStoredTask(owner, task.id);
  expect(stored).toEqual(task);
  expect(stored?.subtasks?.map((subtask) => subtask.id)).toEqual([socks?.id, charger?.id]);
});

test("a change is one read and one conditional write, and the list's live notice follows it", async () => {
  const owner = newOwnerId();
  const { access, task } = await taskWithSteps(owner, ["Passport"]);
  const port = inject("httpPort");
  const socket = await openLiveSocket(port, issueLiveTicket(owner).ticket);
  opened.push(socket);
  expect(await subscribe(socket, [owner])).toEqual({ ok: [owner], refused: [] });
  const from = socket.messages.length;

  const { calls } = await recordCallsDuring(() =>
    changeSubtasks(access, task.id, "done", { subtask: task.subtasks?.[0]?.id, version: String(task.version) }),
  );

  // GetItem of the task, UpdateItem on its version, then the notice's Query of the list's sockets.
  expect(calls.slice(0, 2)).toEqual(["GetItemCommand", "UpdateItemCommand"]);
  await socket.next((message) => message.t === "list" && message.id === owner);
  expect(socket.messages.slice(from).map(({ message }) => message.id)).toContain(owner);
});

test("a change based on an older version is refused with the task as it is, and changes nothing", async () => {
  const owner = newOwnerId();
  const { access, task } = await taskWithSteps(owner, ["Passport", "Charger"]);
  const [passport, charger] = task.subtasks ?? [];
  // Another tab ticks the charger first.
  const { task: other } = await changeSubtasks(access, task.id, "done", {
    subtask: charger?.id,
    version: String(task.version),
  });

  for (const [change, input] of [
    ["add", { title: "Hat" }],
    ["done", { subtask: passport?.id }],
    ["rename", { subtask: passport?.id, title: "ID card" }],
    ["move", { subtask: charger?.id, move: "up" }],
  ] as const) {
    const error = await refusal(() =>
      changeSubtasks(access, task.id, change, { ...input, version: String(task.version) }),
    );
    expect(error, change).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toMatch(/changed since you loaded it/);
    expect(((error as ConflictError).current as Task).version).toBe(other.version);
  }
  // The same tick from the stale page agrees with what is stored: a success, no write.
  const again = await changeSubtasks(access, task.id, "done", { subtask: charger?.id, version: String(task.version) });
  expect(again.task.version).toBe(other.version);
  expect(steps((await getStoredTask(owner, task.id)) as Task)).toEqual(["- Passport", "x Charger"]);

  // Removing a sub-task someone else removed is what both wanted; renaming it is a conflict.
  const { task: removed } = await changeSubtasks(access, task.id, "remove", {
    subtask: passport?.id,
    version: String(other.version),
  });
  expect(
    (await changeSubtasks(access, task.id, "remove", { subtask: passport?.id, version: String(other.version) })).task
      .version,
  ).toBe(removed.version);
  const gone = await refusal(() =>
    changeSubtasks(access, task.id, "rename", { subtask: passport?.id, title: "ID", version: String(removed.version) }),
  );
  expect((gone as ConflictError).message).toMatch(/no longer there/);
});

test("two changes racing on one version: one is saved, the other is told, nothing is lost silently", async () => {
  const owner = newOwnerId();
  const { access, task } = await taskWithSteps(owner, ["Passport", "Charger"]);
  const version = String(task.version);
  const results = await Promise.allSettled([
    changeSubtasks(access, task.id, "add", { title: "Hat", version }),
    changeSubtasks(access, task.id, "add", { title: "Scarf", version }),
    changeSubtasks(access, task.id, "done", { subtask: task.subtasks?.[0]?.id, version }),
  ]);
  const saved = results.filter((result) => result.status === "fulfilled");
  const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
  expect(saved).toHaveLength(1);
  expect(refused).toHaveLength(2);
  for (const error of refused) expect(error).toBeInstanceOf(ConflictError);
  const stored = (await getStoredTask(owner, task.id)) as Task;
  expect(stored.version).toBe(task.version + 1);
});

test("a task holds at most 100 sub-tasks; the 101st is refused with the reason", async () => {
  const owner = newOwnerId();
  const access = inboxAccess(owner);
  const made = await createTask(access, { title: "Long list" });
  // 100 steps at the longest title, 4-byte characters: the biggest checklist a task can carry.
  let task = made;
  for (let index = 0; index < 100; index++)
    ({ task } = await changeSubtasks(access, task.id, "add", {
      title: `${String(index).padStart(3, "0")}${"𝄞".repeat(197)}`,
      version: String(task.version),
    }));
  expect(task.subtasks).toHaveLength(100);

  const error = await refusal(() =>
    changeSubtasks(access, task.id, "add", { title: "One more", version: String(task.version) }),
  );

  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).fieldErrors.title).toEqual(["A task can have at most 100 sub-tasks."]);
  const stored = (await getStoredTask(owner, task.id)) as Task;
  expect(stored.subtasks).toHaveLength(100);
  expect(stored.version).toBe(task.version);
});

test("hostile and empty titles are refused with the title rules, and nothing is written", async () => {
  const owner = newOwnerId();
  const { access, task } = await taskWithSteps(owner, ["Passport"]);
  const version = String(task.version);
  for (const [title, message] of [
    ["   ", "A sub-task is required."],
    ["\u200b\u2060", "A sub-task is required."],
    ["x".repeat(201), "A sub-task must be at most 200 characters."],
    ["Bell\u0007", "A sub-task cannot contain control characters."],
    ["evil\u202egnp.exe", "A sub-task cannot contain control characters."],
    ["hidden\u{e0041}", "A sub-task cannot contain invisible tag characters."],
    ["half \ud800", "A sub-task contains a character that is not valid text."],
  ]) {
    const error = await refusal(() => changeSubtasks(access, task.id, "add", { title, version }));
    expect(error, JSON.stringify(title)).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.title).toEqual([message]);
    const renamed = await refusal(() =>
      changeSubtasks(access, task.id, "rename", { subtask: task.subtasks?.[0]?.id, title, version }),
    );
    expect((renamed as ValidationError).fieldErrors.title).toEqual([message]);
  }
  // Markup is text: stored as typed, shown escaped by React.
  const { task: marked } = await changeSubtasks(access, task.id, "add", {
    title: '<img src=x onerror="alert(1)">',
    version,
  });
  expect(marked.subtasks?.[1]?.title).toBe('<img src=x onerror="alert(1)">');
  // Forged fields: an unknown change, a bad id, a bad move, a bad version.
  for (const input of [
    { subtask: "../../x", version: String(marked.version) },
    { subtask: task.subtasks?.[0]?.id, version: "0" },
    { subtask: task.subtasks?.[0]?.id, move: "sideways", version: String(marked.version) },
  ])
    expect(await refusal(() => changeSubtasks(access, task.id, "move", input))).toBeInstanceOf(ValidationError);
  expect((await getStoredTask(owner, task.id))?.version).toBe(marked.version);
});

test("a viewer sees the checklist and is refused every change; a stranger finds no task", async () => {
  const owner = { id: newOwnerId(), email: "owner@example.com" };
  const viewer = newOwnerId();
  const list = await createList(owner, { name: "Trip", color: "green" });
  const added = await addMember(
    list.id,
    viewer,
    { role: "viewer", email: "v@example.com", joinedAt: new Date().toISOString() },
    25,
  );
  if (!added.ok) throw new Error("could not add the viewer");
  await writeDirectory(added.list);
  const ownerAccess = await resolveListAccess(owner.id, list.id);
  let task = await createTask(ownerAccess, { title: "Shared trip" });
  ({ task } = await changeSubtasks(ownerAccess, task.id, "add", { title: "Tickets", version: "1" }));
  const viewerAccess = await resolveListAccess(viewer, list.id);

  for (const [change, input] of [
    ["add", { title: "Sneaky" }],
    ["done", { subtask: task.subtasks?.[0]?.id }],
    ["rename", { subtask: task.subtasks?.[0]?.id, title: "Mine" }],
    ["move", { subtask: task.subtasks?.[0]?.id, move: "down" }],
    ["remove", { subtask: task.subtasks?.[0]?.id }],
  ] as const)
    expect(
      await refusal(() => changeSubtasks(viewerAccess, task.id, change, { ...input, version: String(task.version) })),
      change,
    ).toBeInstanceOf(ForbiddenError);

  // A stranger's Inbox access cannot reach a task of this list: not found, as for any missing task.
  expect(
    await refusal(() =>
      changeSubtasks(inboxAccess(newOwnerId()), task.id, "done", { subtask: task.subtasks?.[0]?.id, version: "2" }),
    ),
  ).toBeInstanceOf(NotFoundError);
  expect(steps((await getStoredTask(list.id, task.id)) as Task)).toEqual(["- Tickets"]);
});

describe("with the rest of the task", () => {
  test("completing a recurring task unticks its sub-tasks as it moves on; undo puts the ticks back", async () => {
    const owner = newOwnerId();
    const today = todayIn("UTC");
    const { access, task: made } = await taskWithSteps(owner, ["Water the plants", "Feed the cat"], {
      dueDate: today,
      repeat: "every day",
    });
    const { task: ticked } = await changeSubtasks(access, made.id, "done", {
      subtask: made.subtasks?.[0]?.id,
      version: String(made.version),
    });

    const { task, repeated } = await setTaskStatusWithUndo(access, made.id, {
      status: "done",
      version: String(ticked.version),
    });

    expect(task.dueDate).toBe(addDays(today, 1));
    expect(task.status).toBe("todo");
    expect(steps(task)).toEqual(["- Water the plants", "- Feed the cat"]);
    expect(task.subtasks?.map((subtask) => subtask.id)).toEqual(made.subtasks?.map((subtask) => subtask.id));
    await undoChange(owner, repeated?.undoToken);
    const back = (await getStoredTask(owner, made.id)) as Task;
    expect(back.dueDate).toBe(today);
    expect(steps(back)).toEqual(["x Water the plants", "- Feed the cat"]);

    // The edit form's "done" does the same.
    const edited = await updateTask(
      access,
      made.id,
      {
        title: back.title,
        description: "",
        status: "done",
        dueDate: today,
        dueTime: "",
        repeat: "every day",
        priority: "none",
        version: String(back.version),
      },
      { timeZone: "UTC" },
    );
    expect(steps(edited)).toEqual(["- Water the plants", "- Feed the cat"]);
  });

  test("the edit form, one-click and bulk changes keep the checklist; a deleted task comes back with it", async () => {
    const owner = newOwnerId();
    const { access, task: made } = await taskWithSteps(owner, ["Passport", "Charger"]);
    const { task: ticked } = await changeSubtasks(access, made.id, "done", {
      subtask: made.subtasks?.[1]?.id,
      version: String(made.version),
    });
    const edited = await updateTask(access, made.id, {
      title: "Pack for the long trip",
      description: "",
      status: "in_progress",
      dueDate: "",
      priority: "high",
      version: String(ticked.version),
    });
    expect(steps(edited)).toEqual(["- Passport", "x Charger"]);
    const bulk = await applyBulk(owner, { action: "priority", priority: "low", ids: [made.id] });
    expect(bulk.changed).toBe(1);

    const { undoToken } = await deleteTaskWithUndo(access, made.id);
    expect(await getStoredTask(owner, made.id)).toBeNull();
    await undoChange(owner, undoToken);

    const back = (await getStoredTask(owner, made.id)) as Task;
    expect(back.title).toBe("Pack for the long trip");
    expect(back.priority).toBe("low");
    expect(back.subtasks).toEqual(ticked.subtasks);
  });
});

describe("in files", () => {
  test("Todoist's indented rows become sub-tasks of the task above them, in order", async () => {
    const csv = [
      "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE",
      "task,Pack for the trip,,1,1,Ann,,,en,UTC",
      "task,Passport,,4,2,Ann,,,en,UTC",
      "task,Charger,,4,2,Ann,,,en,UTC",
      "task,Cable for the charger,,4,3,Ann,,,en,UTC",
      "section,Home,,,,,,,,",
      "task,Water the plants,,4,1,Ann,,,en,UTC",
      "task,=HYPERLINK(1),,4,2,Ann,,,en,UTC",
      "task,Back garden,,4,2,Ann,,,en,UTC",
    ].join("\r\n");

    const parsed = parseImportFile(new TextEncoder().encode(csv));

    expect(parsed.format).toBe("todoist");
    expect(parsed.tasks.map((task) => task.title)).toEqual(["Pack for the trip", "Water the plants"]);
    expect(parsed.tasks[0]?.priority).toBe("urgent");
    expect(parsed.tasks.map((task) => (task.subtasks ?? []).map((subtask) => subtask.title))).toEqual([
      ["Passport", "Charger", "Cable for the charger"],
      ["Back garden"],
    ]);
    expect(parsed.tasks[0]?.subtasks?.every((subtask) => !subtask.done && /^[\w-]{8}$/.test(subtask.id))).toBe(true);
    expect(parsed.refused).toEqual([{ label: "Row 8", messages: [expect.stringContaining("CSV injection")] }]);
    expect(parsed.notes).toContain(
      "4 indented rows became sub-tasks of the task above (a sub-task keeps its title only).",
    );
  });

  test("our JSON and CSV exports keep each checklist (titles, ticks, order) through an import", async () => {
    const owner = newOwnerId();
    const { access, task } = await taskWithSteps(owner, ["Passport", "Charger, spare", '"Quoted" socks']);
    await changeSubtasks(access, task.id, "done", { subtask: task.subtasks?.[1]?.id, version: String(task.version) });
    await createTask(access, { title: "No steps" });

    for (const format of ["json", "csv"] as const) {
      const file = await exportTasks([owner], format);
      const parsed = parseImportFile(new TextEncoder().encode(file.body));
      expect(parsed.refused, format).toEqual([]);
      const imported = parsed.tasks.find((candidate) => candidate.title === "Pack for the trip");
      expect(
        imported?.subtasks?.map((subtask) => [subtask.title, subtask.done]),
        format,
      ).toEqual([
        ["Passport", false],
        ["Charger, spare", true],
        ['"Quoted" socks', false],
      ]);
      expect(parsed.tasks.find((candidate) => candidate.title === "No steps")?.subtasks ?? [], format).toEqual([]);
    }
  });
});
