import {
  AssociateSoftwareTokenCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, inject, test } from "vitest";
import { verifyAccessToken } from "#src/auth/access-token.ts";
import { findFreePort } from "#src/scripts/local/local-stack.ts";
import { createConfirmedUser, emulatorClient, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { TEST_PASSWORD } from "#tests/support/lambda-client.ts";
import { totpCode } from "#tests/support/totp.ts";

// `npm run token` as a user runs it (src/scripts/ops/token.ts, input piped), against the run's
// Cognito emulator. The app's port note (.tmp/local-stack.json) is a file of this test's own.

const root = path.resolve(import.meta.dirname, "../..");
const emulatorPort = Number(new URL(process.env.COGNITO_ENDPOINT ?? "").port);
const dir = mkdtempSync(path.join(os.tmpdir(), "token-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runToken(email: string, input: string, env: Record<string, string | undefined>): Promise<Run> {
  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...process.env, ...env }))
    if (value !== undefined) childEnv[name] = value;
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(root, "src/scripts/ops/token.ts"), email],
      { cwd: root, env: childEnv as NodeJS.ProcessEnv, timeout: 30_000, encoding: "utf8" },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

/** A note as `npm start` writes it, from a process that is running (this one). */
function noteFromNpmStart(ports: { http: number; cognito: number }): string {
  const file = path.join(dir, `stack-${crypto.randomUUID()}.json`);
  writeFileSync(file, JSON.stringify({ pid: process.pid, command: "npm start", ...ports }));
  return file;
}

async function newAccount(): Promise<string> {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  return email;
}

/** Turns on two-step sign-in with an authenticator app, as the account page does; returns the key. */
async function turnOnTwoStep(email: string): Promise<string> {
  const { accessToken } = await tokensFor(email, TEST_PASSWORD);
  const client = emulatorClient();
  const { SecretCode } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  const secret = SecretCode ?? "";
  await client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totpCode(secret) }));
  await client.send(
    new SetUserMFAPreferenceCommand({
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  client.destroy();
  return secret;
}

async function expectAccessTokenOf(run: Run) {
  expect(run.code, run.stderr).toBe(0);
  const result = await verifyAccessToken(run.stdout.trim());
  expect(result.ok).toBe(true);
}

test("with two-step sign-in on, it asks for the authenticator's code and prints a token", async () => {
  const email = await newAccount();
  const secret = await turnOnTwoStep(email);

  const run = await runToken(email, `${TEST_PASSWORD}\n${totpCode(secret)}\n`, {
    COGNITO_LOCAL_PORT: String(emulatorPort),
  });

  await expectAccessTokenOf(run);
});

test("with two-step sign-in on, a wrong or missing code says so, and prints no token", async () => {
  const email = await newAccount();
  const secret = await turnOnTwoStep(email);
  const wrong = String((Number(totpCode(secret)) + 500_000) % 1_000_000).padStart(6, "0");

  const missing = await runToken(email, `${TEST_PASSWORD}\n`, { COGNITO_LOCAL_PORT: String(emulatorPort) });
  const mistyped = await runToken(email, `${TEST_PASSWORD}\n${wrong}\n`, { COGNITO_LOCAL_PORT: String(emulatorPort) });

  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain("Two-step sign-in is on for this account: give the 6-digit code");
  expect(mistyped.code).toBe(1);
  expect(mistyped.stderr).toContain("That code is not right");
  expect(missing.stdout + mistyped.stdout).toBe("");
});

test("without COGNITO_LOCAL_PORT it uses the emulator port the running npm start was given", async () => {
  const email = await newAccount();

  const run = await runToken(email, `${TEST_PASSWORD}\n`, {
    COGNITO_LOCAL_PORT: undefined,
    LOCAL_STACK_RECORD: noteFromNpmStart({ http: inject("httpPort"), cognito: emulatorPort }),
  });

  await expectAccessTokenOf(run);
});

test("a COGNITO_LOCAL_PORT that is not the running app's is named, with the port to use instead", async () => {
  const email = await newAccount();
  const stale = await findFreePort();

  const run = await runToken(email, `${TEST_PASSWORD}\n`, {
    COGNITO_LOCAL_PORT: String(stale),
    LOCAL_STACK_RECORD: noteFromNpmStart({ http: inject("httpPort"), cognito: emulatorPort }),
  });

  expect(run.code).toBe(1);
  expect(run.stderr).toContain(
    `No Cognito emulator answers at http://127.0.0.1:${stale} (COGNITO_LOCAL_PORT=${stale}).`,
  );
  expect(run.stderr).toContain(`has its emulator on port ${emulatorPort}`);
  expect(run.stderr).not.toContain("start the app first");
});

test("when no app from this checkout runs, it says where the app would have noted its ports", async () => {
  const email = await newAccount();
  const nothing = await findFreePort();

  const run = await runToken(email, `${TEST_PASSWORD}\n`, {
    COGNITO_LOCAL_PORT: String(nothing),
    LOCAL_STACK_RECORD: path.join(dir, "no-such-note.json"),
  });

  expect(run.code).toBe(1);
  expect(run.stderr).toContain("If the app runs from another folder or was given COGNITO_LOCAL_PORT");
});

test("a port where the app itself answers, not the emulator, is called out as such", async () => {
  const email = await newAccount();

  const run = await runToken(email, `${TEST_PASSWORD}\n`, { COGNITO_LOCAL_PORT: String(inject("httpPort")) });

  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`Something answers at http://127.0.0.1:${inject("httpPort")}`);
  expect(run.stderr).toContain("but not as a Cognito emulator");
});
