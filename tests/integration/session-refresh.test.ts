import { RevokeTokenCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, expect, test } from "vitest";
import { resetEnvForTests } from "#src/env.ts";
import { LOCAL_SHORT_CLIENT_ID } from "#src/plugins/cognito-emulator.js";
import { getAccount } from "#src/accounts/account-repository.ts";
import { getSession, putSession } from "#src/sessions/session-repository.ts";
import { hashSessionId, resolveSession, signIn, signOutEverywhere } from "#src/sessions/session-service.ts";
import { openToken } from "#src/sessions/token-seal.ts";
import { ServiceUnavailableError } from "#src/errors.ts";
import { createConfirmedUser, emulatorClient, newEmail } from "#tests/support/cognito.ts";
import { startOutageProxy, type OutageProxy } from "#tests/support/outage-proxy.ts";

// This file's app client issues access tokens that expire after two seconds, so expiry and
// refresh happen for real (each test file has its own module state and environment).
// Cognito is reached through a proxy that a test can cut (it passes everything through otherwise).
let cognito: OutageProxy;
const realCognito = process.env.COGNITO_ENDPOINT ?? "";
beforeAll(async () => {
  cognito = await startOutageProxy(realCognito);
  process.env.COGNITO_ENDPOINT = cognito.endpoint;
  process.env.COGNITO_CLIENT_ID = LOCAL_SHORT_CLIENT_ID;
  resetEnvForTests();
});
afterAll(async () => {
  process.env.COGNITO_ENDPOINT = realCognito;
  await cognito.stop();
});

const PASSWORD = "Refresh-test-1";
const waitForExpiry = () => new Promise((resolve) => setTimeout(resolve, 3_100));

async function signedIn() {
  const email = newEmail();
  await createConfirmedUser(email, PASSWORD);
  return signIn({ email, password: PASSWORD });
}

test("an expired access token is refreshed once, stored, and the user stays signed in", async () => {
  const { sessionId, user } = await signedIn();
  const before = await getSession(hashSessionId(sessionId));
  await waitForExpiry();

  const resolved = await resolveSession(sessionId);
  const after = await getSession(hashSessionId(sessionId));

  expect(resolved).toEqual(user);
  const open = (sealed?: string) => openToken(sessionId, sealed ?? "");
  expect(open(after?.accessToken)).toMatch(/^eyJ/);
  expect(open(after?.accessToken)).not.toBe(open(before?.accessToken));
  expect(after?.refreshToken).toBe(before?.refreshToken);
});

test("when the refresh fails (refresh token revoked), the session ends", async () => {
  const { sessionId } = await signedIn();
  const stored = await getSession(hashSessionId(sessionId));
  const client = emulatorClient();
  await client.send(
    new RevokeTokenCommand({
      ClientId: LOCAL_SHORT_CLIENT_ID,
      Token: openToken(sessionId, stored?.refreshToken ?? "") ?? "",
    }),
  );
  client.destroy();
  await waitForExpiry();

  expect(await resolveSession(sessionId)).toBeNull();
  expect(await getSession(hashSessionId(sessionId))).toBeNull();
});

test("when Cognito is down at refresh time, the request is an outage and the session survives to refresh later", async () => {
  const { sessionId, user } = await signedIn();
  await waitForExpiry();

  cognito.cut("refuse");
  const during = await resolveSession(sessionId).catch((error: unknown) => error);
  const kept = await getSession(hashSessionId(sessionId));
  cognito.restore();
  const after = await resolveSession(sessionId);

  expect(cognito.faulted()).toBeGreaterThan(0);
  expect(during).toBeInstanceOf(ServiceUnavailableError);
  expect(kept).not.toBeNull();
  expect(after).toEqual(user);
});

test("a session that outlived a sign-out everywhere (missed by the sweep) ends at its next refresh", async () => {
  const { sessionId, user } = await signedIn();
  const missed = await getSession(hashSessionId(sessionId));
  const other = await signIn({ email: user.email, password: PASSWORD });

  await signOutEverywhere(other.sessionId);
  // As if the sweep's read of the bySub index had not seen it yet: the item is back, tokens and all.
  await putSession(missed as NonNullable<typeof missed>);
  await waitForExpiry();

  expect(await resolveSession(sessionId)).toBeNull();
  expect(await getSession(hashSessionId(sessionId))).toBeNull();
  // The owner is not locked out: a new sign-in refreshes as usual.
  expect((await getAccount(user.id))?.tokensValidAfter).toEqual(expect.any(Number));
  const fresh = await signIn({ email: user.email, password: PASSWORD });
  await waitForExpiry();
  expect(await resolveSession(fresh.sessionId)).toEqual(fresh.user);
});
