import { inboxAccess } from "#src/lists/list-access.ts";
import { expect, test } from "vitest";
import { listTasks, listScope } from "#src/tasks/task-service.ts";
import { decodeJwt } from "#tests/support/api-client.ts";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { TEST_PASSWORD, signIn, type SignedInUser } from "#tests/support/lambda-client.ts";

// The create form's one-time token, through the built Lambda handler (as a browser without
// JavaScript posts it) and the local DynamoDB: a repeated submission makes one task.

async function newUser(): Promise<SignedInUser & { sub: string }> {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const { accessToken } = await tokensFor(email, TEST_PASSWORD);
  return { ...(await signIn(email, TEST_PASSWORD)), sub: String(decodeJwt(accessToken).payload.sub) };
}

/** The token in the quick-add form of a freshly rendered list page. */
async function renderedToken(user: SignedInUser, path = "/tasks"): Promise<string> {
  const page = await user.invoke(path);
  expect(page.status).toBe(200);
  const token = /<input type="hidden" name="formToken" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error("no formToken in the create form");
  return token;
}

async function titlesOf(sub: string): Promise<string[]> {
  return (await listTasks(listScope(inboxAccess(sub)), {})).tasks.map((task) => task.title);
}

test("each rendered create form gets its own token", async () => {
  const user = await newUser();
  const first = await renderedToken(user);
  const second = await renderedToken(user, "/tasks?status=todo");
  expect(first).toMatch(/^[\w-]{20,}$/);
  expect(second).not.toBe(first);
});

test("20 identical simultaneous posts of one form make one task, and all land where the first did", async () => {
  const user = await newUser();
  const formToken = await renderedToken(user, "/tasks?sort=due");
  const form = { title: "Pay the rent", priority: "high", returnTo: "/tasks?sort=due", formToken };

  const responses = await Promise.all(Array.from({ length: 20 }, () => user.invoke("/tasks", { form })));

  expect(responses.map((response) => response.status)).toEqual(Array<number>(20).fill(303));
  expect(new Set(responses.map((response) => response.headers.location))).toEqual(new Set(["/tasks?sort=due"]));
  expect(await titlesOf(user.sub)).toEqual(["Pay the rent"]);
  // Each answer carries the "created" message, as the first one did.
  expect(responses.every((response) => response.cookies.some((cookie) => cookie.startsWith("flash=")))).toBe(true);
});

test("a new form's token makes a second task with the same text", async () => {
  const user = await newUser();
  const form = { title: "Water the plants", returnTo: "/tasks" };

  await user.invoke("/tasks", { form: { ...form, formToken: await renderedToken(user) } });
  await user.invoke("/tasks", { form: { ...form, formToken: await renderedToken(user) } });

  expect(await titlesOf(user.sub)).toEqual(["Water the plants", "Water the plants"]);
});

test("a post without a token (an old page, a script) still makes a task each time", async () => {
  const user = await newUser();

  const first = await user.invoke("/tasks", { form: { title: "No token" } });
  const second = await user.invoke("/tasks", { form: { title: "No token" } });

  expect([first.status, second.status]).toEqual([303, 303]);
  expect(await titlesOf(user.sub)).toEqual(["No token", "No token"]);
});

test("the same token with other content is refused clearly, input kept, and the fresh token it gives works", async () => {
  const user = await newUser();
  const formToken = await renderedToken(user);
  expect((await user.invoke("/tasks", { form: { title: "First", formToken } })).status).toBe(303);

  const refused = await user.invoke("/tasks", { form: { title: "Second", description: "details", formToken } });

  expect(refused.status).toBe(409);
  expect(refused.text).toContain("This form was already used to add a different task, so nothing was added.");
  expect(refused.text).toContain('value="Second"');
  expect(refused.text).toContain("details");
  expect(refused.text).not.toMatch(/at \w+ \(|IdempotencyKeyReusedError/);
  expect(await titlesOf(user.sub)).toEqual(["First"]);
  const fresh = /<input type="hidden" name="formToken" value="([^"]+)"/.exec(refused.body)?.[1];
  expect(fresh).toBeDefined();
  expect(fresh).not.toBe(formToken);

  expect((await user.invoke("/tasks", { form: { title: "Second", formToken: fresh! } })).status).toBe(303);
  expect(await titlesOf(user.sub)).toEqual(["Second", "First"]);
});

test("a malformed token is refused with a message, and nothing is made", async () => {
  const user = await newUser();

  const response = await user.invoke("/tasks", { form: { title: "Odd", formToken: "has spaces in it" } });

  expect(response.status).toBe(400);
  expect(response.text).toContain("This form could not be read. Reload the page and add the task again.");
  expect(await titlesOf(user.sub)).toEqual([]);
});
