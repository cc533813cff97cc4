import { createSign, generateKeyPairSync } from "node:crypto";
import { expect, test } from "vitest";
import { LOCAL_SHORT_CLIENT_ID } from "#src/plugins/cognito-emulator.js";
import { getSession, putSession } from "#src/sessions/session-repository.ts";
import { hashSessionId, resolveSession, signIn, endSession } from "#src/sessions/session-service.ts";
import { openToken, sealToken } from "#src/sessions/token-seal.ts";
import { refreshAccessToken } from "#src/auth/cognito.ts";
import { InvalidCredentialsError } from "#src/errors.ts";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";

const PASSWORD = "Sessions-test-1";

async function signedInUser() {
  const email = newEmail();
  await createConfirmedUser(email, PASSWORD);
  const { sessionId, user } = await signIn({ email, password: PASSWORD });
  return { email, sessionId, user };
}

function decodePart(token: string, index: number): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[index] ?? "", "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
}

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** The same claims and key id as a real token, signed with a key the pool never published. */
function resignWithForeignKey(token: string): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const unsigned = `${encodePart(decodePart(token, 0))}.${encodePart(decodePart(token, 1))}`;
  const signature = createSign("RSA-SHA256").update(unsigned).sign(privateKey).toString("base64url");
  return `${unsigned}.${signature}`;
}

function withAlgNone(token: string): string {
  return `${encodePart({ ...decodePart(token, 0), alg: "none" })}.${encodePart(decodePart(token, 1))}.`;
}

/** Plants a session whose stored access token is `accessToken`, as if the table held it. */
async function plantSession(sub: string, accessToken: string, refreshToken = "not-a-refresh-token", expiresIn = 3600) {
  const sessionId = crypto.randomUUID();
  const now = Math.floor(Date.now() / 1000);
  await putSession({
    id: hashSessionId(sessionId),
    sub,
    email: "planted@example.com",
    accessToken: sealToken(sessionId, accessToken),
    refreshToken: sealToken(sessionId, refreshToken),
    createdAt: new Date().toISOString(),
    expiresAt: now + expiresIn,
  });
  return sessionId;
}

test("signing in opens a session that resolves to the Cognito user (sub) and email", async () => {
  const { sessionId, user, email } = await signedInUser();

  const resolved = await resolveSession(sessionId);

  expect(resolved).toEqual({ id: user.id, email, timeZone: null, shortcuts: true, startView: "all" });
  expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
});

test("the sessions table stores a hash of the session id and sealed tokens, never the id or a token", async () => {
  const { sessionId, email } = await signedInUser();

  const stored = await getSession(hashSessionId(sessionId));

  expect(await getSession(sessionId)).toBeNull();
  expect(stored).not.toBeNull();
  expect(JSON.stringify(stored)).not.toMatch(/eyJ[\w-]+\.eyJ/);
  expect(JSON.stringify(stored)).not.toContain(sessionId);
  expect(stored?.email).toBe(email);
  expect(openToken(sessionId, stored?.accessToken ?? "")).toMatch(/^eyJ/);
  expect(openToken("another-session-id", stored?.accessToken ?? "")).toBeNull();
});

test("a session whose sealed tokens were altered is signed out", async () => {
  const { user, email } = await signedInUser();
  const real = await tokensFor(email, PASSWORD);
  const sessionId = await plantSession(user.id, real.accessToken);
  const stored = await getSession(hashSessionId(sessionId));
  await putSession({
    ...(stored as NonNullable<typeof stored>),
    id: hashSessionId("other"),
    accessToken: sealToken("other", "x"),
  });

  expect(await resolveSession("other")).toBeNull();
});

test("an unknown session id is signed out", async () => {
  expect(await resolveSession("no-such-session")).toBeNull();
});

test("an expired session is signed out and deleted", async () => {
  const { user, email } = await signedInUser();
  const { accessToken, refreshToken } = await tokensFor(email, PASSWORD);
  const sessionId = await plantSession(user.id, accessToken, refreshToken, -1);

  expect(await resolveSession(sessionId)).toBeNull();
  expect(await getSession(hashSessionId(sessionId))).toBeNull();
});

test("tokens that fail verification end the session: foreign key, alg none, another client, an ID token, garbage", async () => {
  const { user, email } = await signedInUser();
  const real = await tokensFor(email, PASSWORD);
  const otherClient = await tokensFor(email, PASSWORD, LOCAL_SHORT_CLIENT_ID);
  const bad: Record<string, string> = {
    "signed by another key": resignWithForeignKey(real.accessToken),
    "alg none": withAlgNone(real.accessToken),
    "issued to another app client": otherClient.accessToken,
    "an ID token": real.idToken,
    garbage: "not.a.jwt",
  };

  for (const [label, token] of Object.entries(bad)) {
    const sessionId = await plantSession(user.id, token);
    expect(await resolveSession(sessionId), label).toBeNull();
    expect(await getSession(hashSessionId(sessionId)), label).toBeNull();
  }
  // The real token, planted the same way, does resolve: the planting itself is sound.
  expect(await resolveSession(await plantSession(user.id, real.accessToken))).toEqual({
    id: user.id,
    email: "planted@example.com",
    timeZone: null,
    shortcuts: true,
    startView: "all",
  });
});

test("a valid token for a different user than the session's is refused", async () => {
  const alice = await signedInUser();
  const bob = await signedInUser();
  const bobsToken = (await tokensFor(bob.email, PASSWORD)).accessToken;

  expect(await resolveSession(await plantSession(alice.user.id, bobsToken))).toBeNull();
});

test("ending a session deletes it and revokes its refresh token at Cognito", async () => {
  const { sessionId } = await signedInUser();
  const stored = await getSession(hashSessionId(sessionId));

  await endSession(sessionId);

  expect(await resolveSession(sessionId)).toBeNull();
  await expect(refreshAccessToken(openToken(sessionId, stored?.refreshToken ?? "") ?? "")).rejects.toBeInstanceOf(
    InvalidCredentialsError,
  );
});
