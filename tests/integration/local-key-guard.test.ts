import { afterAll, expect, test } from "vitest";
import { createLocalJwksFetcher, resetVerifierForTests, verifyAccessToken } from "#src/auth/access-token.ts";
import { resetEnvForTests } from "#src/env.ts";
import { ServiceUnavailableError } from "#src/errors.ts";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";

// The emulator's signing key is public. These prove a deployed configuration never trusts it.

const saved = { ARC_ENV: process.env.ARC_ENV };

function useStage(stage: string) {
  process.env.ARC_ENV = stage;
  resetEnvForTests();
  resetVerifierForTests();
}

afterAll(() => {
  process.env.ARC_ENV = saved.ARC_ENV;
  resetEnvForTests();
  resetVerifierForTests();
});

test("the local key loader refuses to run in staging and production", () => {
  for (const stage of ["staging", "production"]) {
    useStage(stage);
    expect(() => createLocalJwksFetcher(), stage).toThrow(/Refusing to trust the local Cognito emulator/);
  }
});

test("in production configuration a token signed by the emulator is not accepted", async () => {
  useStage("testing");
  const email = newEmail();
  await createConfirmedUser(email, "Guard-test-pass-1");
  const { accessToken } = await tokensFor(email, "Guard-test-pass-1");
  expect(await verifyAccessToken(accessToken)).toEqual({
    ok: true,
    claims: expect.objectContaining({ sub: expect.any(String) }),
  });

  useStage("production");
  // Production fetches the pool's keys from Cognito itself, which this machine cannot reach:
  // the token is refused either way, never verified with the emulator's key.
  const verdict = await verifyAccessToken(accessToken).catch((error: unknown) => error);

  // Here that is an outage error (the keys could not be fetched from Cognito), not a verdict.
  expect(verdict).toBeInstanceOf(ServiceUnavailableError);
});
