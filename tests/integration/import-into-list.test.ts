import { expect, test } from "vitest";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { addMember, writeDirectory } from "#src/lists/list-repository.ts";
import { createList } from "#src/lists/list-service.ts";
import { claimStagedImport, setStagedImportState } from "#src/tasks/import-repository.ts";
import { listScope, listTasks } from "#src/tasks/task-service.ts";
import { importTokenOf, subOf, uploadImport } from "#tests/support/import-client.ts";
import { newSignedInUser, type SignedInUser } from "#tests/support/lambda-client.ts";

// Import writes into a list its user may change, chosen on the preview; never into one they
// may only read or cannot see, and an import started into one list is never finished in another.

const FILE = "title\r\nBuy paint\r\nSand the door\r\n";

async function member(user: SignedInUser) {
  return { user, sub: await subOf(user), email: `${crypto.randomUUID()}@example.com` };
}

/** A list `owner` made, shared with `editor` and `viewer`. */
async function sharedList() {
  const [owner, editor, viewer, stranger] = await Promise.all(
    [1, 2, 3, 4].map(async () => member(await newSignedInUser())),
  );
  if (!owner || !editor || !viewer || !stranger) throw new Error("no users");
  const list = await createList({ id: owner.sub, email: owner.email }, { name: "Renovation" });
  for (const [person, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const) {
    const added = await addMember(
      list.id,
      person.sub,
      { role, email: person.email, joinedAt: new Date().toISOString() },
      25,
    );
    if (!added.ok) throw new Error(`could not add the ${role}`);
    await writeDirectory(added.list);
  }
  return { list, owner, editor, viewer, stranger };
}

const titlesIn = async (sub: string, listId: string) =>
  (await listTasks(listScope(await resolveListAccess(sub, listId)), {})).tasks.map((task) => task.title).sort();

const confirmInto = (user: SignedInUser, token: string, list: string) =>
  user.invoke("/tasks/import", { form: { intent: "confirm", token, list } });

test("an editor picks a shared list on the preview and the tasks land there, for every member to see", async () => {
  const { list, owner, editor } = await sharedList();
  const preview = await uploadImport(editor.user, FILE);
  expect(preview.status).toBe(200);
  expect(preview.text).toContain("Import into");
  expect(preview.text).toMatch(new RegExp(`<option value="${list.id}">Renovation</option>`));

  const confirmed = await confirmInto(editor.user, importTokenOf(preview), list.id);

  expect(confirmed.status).toBe(303);
  expect(confirmed.headers.location).toBe(`/lists/${list.id}`);
  expect(await titlesIn(owner.sub, list.id)).toEqual(["Buy paint", "Sand the door"]);
  expect(await titlesIn(editor.sub, editor.sub)).toEqual([]);
});

test("a viewer is not offered the list, and a forged choice of it, or of a stranger's list, creates nothing", async () => {
  const { list, owner, viewer, stranger } = await sharedList();
  const preview = await uploadImport(viewer.user, FILE);
  expect(preview.text).not.toContain(list.id);
  const token = importTokenOf(preview);

  const asViewer = await confirmInto(viewer.user, token, list.id);
  expect(asViewer.status).toBe(403);
  expect(asViewer.text).toContain("This needs the editor role in “Renovation”; you are a viewer.");

  const strangerPreview = await uploadImport(stranger.user, FILE);
  const asStranger = await confirmInto(stranger.user, importTokenOf(strangerPreview), list.id);
  expect(asStranger.status).toBe(404);
  expect(asStranger.text).toContain("That list is not one you can import into.");
  expect(asStranger.text).not.toContain("Renovation");

  expect(await titlesIn(owner.sub, list.id)).toEqual([]);
  // The refused confirms spent nothing: the viewer's own Inbox still takes the import.
  expect((await confirmInto(viewer.user, token, "inbox")).status).toBe(303);
  expect(await titlesIn(viewer.sub, viewer.sub)).toEqual(["Buy paint", "Sand the door"]);
});

test("an import started into one list is finished only there: confirming it into another is refused", async () => {
  const { list, owner } = await sharedList();
  const preview = await uploadImport(owner.user, FILE);
  const token = importTokenOf(preview);
  const stage = token.slice(0, token.lastIndexOf("."));
  // What a confirm into the list that stopped part-way leaves: the stage claimed for it, ready again.
  const now = Math.floor(Date.now() / 1000);
  expect(await claimStagedImport(owner.sub, stage, now, now, list.id)).toEqual({ takeover: false, listId: list.id });
  await setStagedImportState(owner.sub, stage, "ready", true);

  const elsewhere = await confirmInto(owner.user, token, "inbox");
  expect(elsewhere.status).toBe(400);
  expect(elsewhere.text).toContain("This import was started into another list");
  expect(await titlesIn(owner.sub, owner.sub)).toEqual([]);

  expect((await confirmInto(owner.user, token, list.id)).status).toBe(303);
  expect(await titlesIn(owner.sub, list.id)).toEqual(["Buy paint", "Sand the door"]);
});
