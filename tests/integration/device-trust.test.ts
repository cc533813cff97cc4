import { afterEach, expect, test } from "vitest";
import { resetEnvForTests } from "#src/env.ts";
import { DEVICE_ENTRIES_MAX, rememberDevice, trustedDeviceFor } from "#src/limits/device-trust.ts";

// The local stack's settings (tests/setup); the secret is changed and put back around a rotation.
const secret = process.env.APP_SECRET as string;

afterEach(() => {
  process.env.APP_SECRET = secret;
  delete process.env.APP_SECRET_PREVIOUS;
  resetEnvForTests();
});

test("a browser's entry vouches for its own account only, and a new sign-in replaces it with a fresh nonce", () => {
  const first = rememberDevice([], "owner@example.com");
  const nonce = trustedDeviceFor(first, "owner@example.com");

  expect(nonce).toMatch(/^[\w-]{22}$/);
  expect(trustedDeviceFor(first, "someone-else@example.com")).toBeNull();
  const again = rememberDevice(first, "owner@example.com");
  expect(again).toHaveLength(1);
  expect(trustedDeviceFor(again, "owner@example.com")).not.toBe(nonce);
});

test("one browser keeps an entry per account, newest first, at most five", () => {
  let entries: string[] = [];
  for (let index = 0; index < DEVICE_ENTRIES_MAX + 2; index++)
    entries = rememberDevice(entries, `user${index}@example.com`);

  expect(entries).toHaveLength(DEVICE_ENTRIES_MAX);
  expect(trustedDeviceFor(entries, `user${DEVICE_ENTRIES_MAX + 1}@example.com`)).not.toBeNull();
  expect(trustedDeviceFor(entries, "user2@example.com")).not.toBeNull();
  // The oldest accounts' entries made room.
  expect(trustedDeviceFor(entries, "user0@example.com")).toBeNull();
  expect(trustedDeviceFor(entries, "user1@example.com")).toBeNull();
});

test("entries survive a secret rotation and die with a secret the app no longer holds", () => {
  const entries = rememberDevice([], "owner@example.com");

  process.env.APP_SECRET_PREVIOUS = secret;
  process.env.APP_SECRET = "rotated-app-secret-rotated-app-secret-0003";
  resetEnvForTests();
  expect(trustedDeviceFor(entries, "owner@example.com")).not.toBeNull();

  delete process.env.APP_SECRET_PREVIOUS;
  resetEnvForTests();
  expect(trustedDeviceFor(entries, "owner@example.com")).toBeNull();
});
