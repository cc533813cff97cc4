import { afterAll, beforeAll, expect, test } from "vitest";
import { getTableNames } from "#src/db/client.ts";
import { putInvitation } from "#src/lists/invitation-repository.ts";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { createList } from "#src/lists/list-service.ts";
import { accept, decline, invite, revoke } from "#src/lists/membership-service.ts";
import { forgetDirectoryOfUser } from "#src/sessions/session-repository.ts";
import { api } from "#tests/support/api-client.ts";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { startDynamoCallProxy } from "#tests/support/dynamo-calls.ts";
import { TEST_PASSWORD } from "#tests/support/lambda-client.ts";
import { newUser, type User } from "#tests/support/users.ts";

// The invitee sees the invitations waiting for them in the lists' navigation, through the
// bundle that ships: kept in the session with the directory (no call of its own on a page), read
// again after an invitation to them is created, revoked, accepted or declined, expired ones left out.

let proxy: Awaited<ReturnType<typeof startDynamoCallProxy>>;
const realEndpoint = process.env.DYNAMODB_ENDPOINT ?? "";
beforeAll(async () => {
  proxy = await startDynamoCallProxy(realEndpoint);
  process.env.DYNAMODB_ENDPOINT = proxy.endpoint;
});
afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = realEndpoint;
  await proxy.stop();
});

async function page(user: User, path: string) {
  proxy.reset();
  const response = await user.invoke(path);
  expect(response.status, path).toBe(200);
  return { text: response.text, calls: proxy.calls.map((call) => `${call.command}:${call.table}`).sort() };
}

/** The lists' navigation's link to the invitations page ("" when there is none; the account menu has its own). */
const countLink = (text: string) =>
  /<nav aria-label="Lists">.*?<a[^>]*href="\/invitations"[^>]*>([^<]*)<\/a>/s.exec(text)?.[1] ?? "";

test("the count of invitations waiting shows in the lists' navigation, costs no call of its own, and follows every change", async () => {
  const [owner, invitee] = await Promise.all([newUser(), newUser()]);
  const { lists, tasks, sessions } = getTableNames();
  const [garden, club] = await Promise.all([
    createList({ id: owner.sub, email: owner.email }, { name: "Garden" }),
    createList({ id: owner.sub, email: owner.email }, { name: "Club" }),
  ]);
  const as = (listId: string) => resolveListAccess(owner.sub, listId);
  const firstPage = [
    `GetItem:${sessions}`,
    `Query:${lists}`,
    `Query:${lists}`,
    `UpdateItem:${sessions}`,
    `Query:${tasks}`,
  ].sort();
  const keptPage = [`GetItem:${sessions}`, `Query:${tasks}`].sort();

  expect(countLink((await page(invitee, "/lists/inbox")).text)).toBe("");

  const toGarden = await invite(await as(garden.id), { email: invitee.email, role: "editor" });
  // The invitee's copy was dropped: the next page reads it again (with the directory), once.
  const after = await page(invitee, "/lists/inbox");
  expect(after.calls).toEqual(firstPage);
  expect(countLink(after.text)).toBe("1 invitation waiting");
  const kept = await page(invitee, "/lists/inbox");
  expect(kept.calls).toEqual(keptPage);
  expect(countLink(kept.text)).toBe("1 invitation waiting");
  // Every view with the lists' navigation shows it: All tasks and the board too.
  expect(countLink((await page(invitee, "/tasks")).text)).toBe("1 invitation waiting");
  expect(countLink((await page(invitee, "/board")).text)).toBe("1 invitation waiting");

  const toClub = await invite(await as(club.id), { email: invitee.email, role: "viewer" });
  expect(countLink((await page(invitee, "/lists/inbox")).text)).toBe("2 invitations waiting");

  await revoke(await as(club.id), toClub.id);
  expect(countLink((await page(invitee, "/lists/inbox")).text)).toBe("1 invitation waiting");

  // An expired invitation is not counted, though its copy is still there.
  await putInvitation({ ...toClub, id: `${toClub.id.slice(0, -1)}X`, expiresAt: Math.floor(Date.now() / 1000) - 60 });
  await forgetDirectoryOfUser(invitee.sub);
  expect(countLink((await page(invitee, "/lists/inbox")).text)).toBe("1 invitation waiting");

  await accept({ id: invitee.sub, email: invitee.email }, toGarden.id);
  const joined = await page(invitee, "/lists/inbox");
  expect(countLink(joined.text)).toBe("");
  expect(joined.text).toContain("Garden");

  const again = await invite(await as(club.id), { email: invitee.email, role: "editor" });
  expect(countLink((await page(invitee, "/lists/inbox")).text)).toBe("1 invitation waiting");
  await decline({ id: invitee.sub, email: invitee.email }, again.id);
  expect(countLink((await page(invitee, "/lists/inbox")).text)).toBe("");
});

test("the JSON API pays nothing for it: listing the lists is still one Query of the lists table", async () => {
  // Without a session there is no copy to keep, so the invitations are not read.
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const { accessToken } = await tokensFor(email, TEST_PASSWORD);
  const { lists } = getTableNames();
  proxy.reset();
  const response = await api("GET", "/api/v1/lists", { token: accessToken });
  expect(response.status, response.body).toBe(200);
  expect(proxy.calls.filter((call) => call.command === "Query" && call.table === lists)).toHaveLength(1);
});
