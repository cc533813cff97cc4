import { afterAll, beforeAll, expect, test } from "vitest";
import { commitSessionCookie } from "#app/.server/session.ts";
import { signIn } from "#src/sessions/session-service.ts";
import { createConfirmedUser, newEmail } from "#tests/support/cognito.ts";
import { TEST_PASSWORD, invoke } from "#tests/support/lambda-client.ts";
import { startOutageProxy, type OutageProxy } from "#tests/support/outage-proxy.ts";

// A cold start's first signed-in page needs two things from two services: the session (DynamoDB)
// and Cognito's public keys (JWKS) to check the session's token. This file's handler has served
// nothing before, so it holds no keys. Fetched one after the other, a cold start waits for both
// round trips in a row; the keys are asked for while the session read is still out.

let dynamo: OutageProxy;
let cognito: OutageProxy;
const real = { dynamo: process.env.DYNAMODB_ENDPOINT ?? "", cognito: process.env.COGNITO_ENDPOINT ?? "" };
const isKeyRequest = (request: { url?: string }) => (request.url ?? "").endsWith("/.well-known/jwks.json");
const isItemRead = (request: { headers: Record<string, unknown> }) =>
  String(request.headers["x-amz-target"]).endsWith(".GetItem");

beforeAll(async () => {
  [dynamo, cognito] = await Promise.all([startOutageProxy(real.dynamo), startOutageProxy(real.cognito)]);
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.COGNITO_ENDPOINT = cognito.endpoint;
});
afterAll(async () => {
  Object.assign(process.env, { DYNAMODB_ENDPOINT: real.dynamo, COGNITO_ENDPOINT: real.cognito });
  await Promise.all([dynamo.stop(), cognito.stop()]);
});

async function waitUntil(condition: () => boolean, seconds: number): Promise<boolean> {
  for (const until = Date.now() + seconds * 1000; Date.now() < until; ) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

test("a cold start asks for Cognito's keys while the session read is still out, not after it", async () => {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  // Signed in through this process's own services, so the handler under test has no keys yet.
  const { sessionId } = await signIn({ email, password: TEST_PASSWORD });
  const cookie = (await commitSessionCookie(sessionId)).split(";", 1)[0] ?? "";

  // The sign-in above checked its token in this process: those keys do not count.
  const keysBefore = cognito.received(isKeyRequest);
  dynamo.cut("hold", isItemRead);
  const page = invoke("/tasks", { cookies: [cookie] });
  // Both, in either order, before the held read is let go: the keys did not wait for it.
  // Generous: this only waits long when the keys are (wrongly) asked for after the session.
  const keysWhileHeld = await waitUntil(() => dynamo.faulted() > 0 && cognito.received(isKeyRequest) > keysBefore, 15);
  dynamo.restore();

  expect(keysWhileHeld).toBe(true);
  const response = await page;
  expect(response.status).toBe(200);
  expect(response.text).toContain(email);
  expect(cognito.received(isKeyRequest)).toBe(keysBefore + 1);
});
