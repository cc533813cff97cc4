import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, expect, test } from "vitest";
import { getAccount } from "#src/accounts/account-repository.ts";
import { listTimeZoneChoices, listTimeZones, loadAccountSettings, utcOffset } from "#src/accounts/settings-service.ts";
import { getDocumentClient, getTableNames } from "#src/db/client.ts";
import { ValidationError } from "#src/errors.ts";
import { getSession } from "#src/sessions/session-repository.ts";
import {
  endSession,
  hashSessionId,
  resolveSession,
  saveAccountSettings,
  saveShortcutsSetting,
  saveDetectedTimeZone,
  signIn,
} from "#src/sessions/session-service.ts";
import { createConfirmedUser, newEmail } from "#tests/support/cognito.ts";
import { recordDynamoCalls } from "#tests/support/dynamo-calls.ts";

const PASSWORD = "Settings-test-1";

async function newUserWithSessions(count = 1) {
  const email = newEmail();
  await createConfirmedUser(email, PASSWORD);
  const sessions = [];
  for (let i = 0; i < count; i++) sessions.push(await signIn({ email, password: PASSWORD }));
  const first = sessions[0]!;
  return { email, user: first.user, sessionIds: sessions.map((s) => s.sessionId) };
}

let recorder: ReturnType<typeof recordDynamoCalls> | undefined;
afterEach(() => {
  recorder?.stop();
  recorder = undefined;
});

test("a new user has no time zone: the session says null and the account item holds none", async () => {
  const { user, sessionIds } = await newUserWithSessions();

  expect(user.timeZone).toBeNull();
  expect(await resolveSession(sessionIds[0]!)).toMatchObject({ id: user.id, timeZone: null });
  expect((await getAccount(user.id))?.timeZone).toBeUndefined();
});

test("saving a listed time zone stores it on the account and in the session", async () => {
  const { user, sessionIds } = await newUserWithSessions();

  const saved = await saveAccountSettings(user, { timeZone: "Europe/Paris" });

  expect(saved).toEqual({ timeZone: "Europe/Paris", shortcuts: true, startView: "all" });
  expect(await getAccount(user.id)).toMatchObject({ id: user.id, timeZone: "Europe/Paris" });
  expect((await resolveSession(sessionIds[0]!))?.timeZone).toBe("Europe/Paris");
});

test("an unknown or empty time zone is a field error and changes nothing", async () => {
  const { user, sessionIds } = await newUserWithSessions();
  await saveAccountSettings(user, { timeZone: "America/New_York" });

  for (const timeZone of ["Mars/Olympus_Mons", "", "   ", "x".repeat(500), undefined, "+05:00"]) {
    const error = await saveAccountSettings(user, { timeZone }).catch((e: unknown) => e);
    expect(error, String(timeZone)).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ timeZone: ["Choose a time zone from the list."] });
  }
  expect((await getAccount(user.id))?.timeZone).toBe("America/New_York");
  expect((await resolveSession(sessionIds[0]!))?.timeZone).toBe("America/New_York");
});

test("every listed zone and UTC are accepted; a browser's alias is stored under its listed name", async () => {
  const { user } = await newUserWithSessions();
  const zones = listTimeZones();

  expect(zones).toContain("UTC");
  expect(zones).toContain("Europe/Berlin");
  expect(zones).toEqual([...zones].sort());
  expect((await saveAccountSettings(user, { timeZone: "UTC" })).timeZone).toBe("UTC");
  const alias = await saveAccountSettings(user, { timeZone: "Etc/UTC" });
  expect(zones).toContain(alias.timeZone);
});

test("the zones go by their current names; an old name is accepted and stored as the current one", async () => {
  const { user } = await newUserWithSessions();
  const zones = listTimeZones();

  for (const current of ["Asia/Kolkata", "Europe/Kyiv", "Asia/Ho_Chi_Minh", "America/Argentina/Buenos_Aires"])
    expect(zones, current).toContain(current);
  for (const old of ["Asia/Calcutta", "Europe/Kiev", "Asia/Saigon", "America/Buenos_Aires"])
    expect(zones, old).not.toContain(old);

  expect((await saveAccountSettings(user, { timeZone: "Asia/Calcutta" })).timeZone).toBe("Asia/Kolkata");
  expect((await getAccount(user.id))?.timeZone).toBe("Asia/Kolkata");
  // A browser detecting its zone under the old name, for an account without one yet.
  const { user: detected } = await newUserWithSessions();
  expect((await saveDetectedTimeZone(detected, { timeZone: "Europe/Kiev" })).timeZone).toBe("Europe/Kyiv");
});

test("each zone comes with its offset from UTC at that moment, summer time included", () => {
  const winter = new Date("2026-01-15T12:00:00Z");
  const summer = new Date("2026-07-15T12:00:00Z");

  expect(utcOffset("Asia/Kolkata", winter)).toBe("UTC+05:30");
  expect(utcOffset("UTC", winter)).toBe("UTC+00:00");
  expect(utcOffset("America/New_York", winter)).toBe("UTC−05:00");
  expect(utcOffset("America/New_York", summer)).toBe("UTC−04:00");
  const choices = listTimeZoneChoices(winter);
  expect(choices.map((choice) => choice.value)).toEqual(listTimeZones());
  expect(choices.find((choice) => choice.value === "Asia/Kathmandu")?.offset).toBe("UTC+05:45");
});

test("a saved change reaches every session of the user on its next request, but not ended sessions", async () => {
  const { user, sessionIds } = await newUserWithSessions(3);
  const [first, second, third] = sessionIds as [string, string, string];
  await endSession(third);

  await saveAccountSettings(user, { timeZone: "Asia/Tokyo" });

  expect((await resolveSession(first))?.timeZone).toBe("Asia/Tokyo");
  expect((await resolveSession(second))?.timeZone).toBe("Asia/Tokyo");
  // The conditional write did not bring the ended session back to life.
  expect(await getSession(hashSessionId(third))).toBeNull();
});

test("a later sign-in starts with the saved settings", async () => {
  const { user, email } = await newUserWithSessions();
  await saveAccountSettings(user, { timeZone: "Australia/Sydney" });

  const again = await signIn({ email, password: PASSWORD });

  expect(again.user.timeZone).toBe("Australia/Sydney");
  expect((await getSession(hashSessionId(again.sessionId)))?.settings).toEqual({
    timeZone: "Australia/Sydney",
    shortcuts: true,
    startView: "all",
  });
});

test("a detected zone is stored when none is set and reaches every session", async () => {
  const { user, sessionIds } = await newUserWithSessions(2);

  const result = await saveDetectedTimeZone(user, { timeZone: "America/Chicago" });

  expect(result).toEqual({ timeZone: "America/Chicago", shortcuts: true, startView: "all" });
  for (const id of sessionIds) expect((await resolveSession(id))?.timeZone).toBe("America/Chicago");
});

test("detection never overrides a chosen zone, even from a session that still has none cached", async () => {
  const { user, sessionIds } = await newUserWithSessions();
  await saveAccountSettings(user, { timeZone: "Europe/Lisbon" });
  // This session's copy still says "not set", as if the change had not reached it yet.
  await (
    await getDocumentClient()
  ).send(
    new UpdateCommand({
      TableName: getTableNames().sessions,
      Key: { id: hashSessionId(sessionIds[0]!) },
      UpdateExpression: "SET settings = :settings",
      ExpressionAttributeValues: { ":settings": { timeZone: null } },
    }),
  );

  const result = await saveDetectedTimeZone(user, { timeZone: "Pacific/Auckland" });

  expect(result).toEqual({ timeZone: "Europe/Lisbon", shortcuts: true, startView: "all" });
  expect((await getAccount(user.id))?.timeZone).toBe("Europe/Lisbon");
  expect((await resolveSession(sessionIds[0]!))?.timeZone).toBe("Europe/Lisbon");
});

test("a detected zone that is not a listed zone is refused and stores nothing", async () => {
  const { user } = await newUserWithSessions();

  await expect(saveDetectedTimeZone(user, { timeZone: "Not/AZone" })).rejects.toBeInstanceOf(ValidationError);
  expect((await getAccount(user.id))?.timeZone).toBeUndefined();
});

test("one user's settings never reach another user's account or sessions", async () => {
  const alice = await newUserWithSessions();
  const bob = await newUserWithSessions();

  await saveAccountSettings(alice.user, { timeZone: "Africa/Nairobi" });

  expect((await resolveSession(bob.sessionIds[0]!))?.timeZone).toBeNull();
  expect((await getAccount(bob.user.id))?.timeZone).toBeUndefined();
  expect(await loadAccountSettings(bob.user.id)).toEqual({ timeZone: null, shortcuts: true, startView: "all" });
});

test("a session item from before the cache resolves, learns the settings once, and is one read after that", async () => {
  const { user, sessionIds } = await newUserWithSessions();
  await saveAccountSettings(user, { timeZone: "America/Sao_Paulo" });
  const id = hashSessionId(sessionIds[0]!);
  await (
    await getDocumentClient()
  ).send(new UpdateCommand({ TableName: getTableNames().sessions, Key: { id }, UpdateExpression: "REMOVE settings" }));
  expect((await getSession(id))?.settings).toBeUndefined();
  recorder = recordDynamoCalls(await getDocumentClient());

  const first = await resolveSession(sessionIds[0]!);
  const firstCalls = [...recorder.calls];
  recorder.reset();
  const second = await resolveSession(sessionIds[0]!);

  expect(first).toEqual({
    id: user.id,
    email: user.email,
    timeZone: "America/Sao_Paulo",
    shortcuts: true,
    startView: "all",
  });
  expect(second).toEqual(first);
  const { sessions, accounts } = getTableNames();
  expect(firstCalls).toEqual([
    { command: "GetItemCommand", table: sessions },
    { command: "GetItemCommand", table: accounts },
    { command: "UpdateItemCommand", table: sessions },
  ]);
  expect(recorder.calls).toEqual([{ command: "GetItemCommand", table: sessions }]);
  expect((await getSession(id))?.settings).toEqual({
    timeZone: "America/Sao_Paulo",
    shortcuts: true,
    startView: "all",
  });
});

test("resolving a current session costs exactly one DynamoDB call, with or without a time zone", async () => {
  const { user, sessionIds } = await newUserWithSessions(2);
  await saveAccountSettings(user, { timeZone: "Asia/Kathmandu" });
  await endSession(sessionIds[1]!);
  const other = await newUserWithSessions();
  recorder = recordDynamoCalls(await getDocumentClient());

  await resolveSession(sessionIds[0]!);
  await resolveSession(other.sessionIds[0]!);

  const { sessions } = getTableNames();
  expect(recorder.calls).toEqual([
    { command: "GetItemCommand", table: sessions },
    { command: "GetItemCommand", table: sessions },
  ]);
});

test("switching keyboard shortcuts off reaches every session; sessions cached before the setting count as on", async () => {
  const { user, sessionIds } = await newUserWithSessions(2);
  expect((await resolveSession(sessionIds[0]!))?.shortcuts).toBe(true);

  expect(await saveShortcutsSetting(user, {})).toEqual({ timeZone: null, shortcuts: false, startView: "all" });
  for (const sessionId of sessionIds) expect((await resolveSession(sessionId))?.shortcuts).toBe(false);
  expect(await getAccount(user.id)).toMatchObject({ shortcutsOff: true });

  expect((await saveShortcutsSetting(user, { shortcuts: "on" })).shortcuts).toBe(true);
  expect((await resolveSession(sessionIds[1]!))?.shortcuts).toBe(true);

  // A session whose cached settings predate the setting (no `shortcuts` in them).
  const id = hashSessionId(sessionIds[0]!);
  await (
    await getDocumentClient()
  ).send(
    new UpdateCommand({
      TableName: getTableNames().sessions,
      Key: { id },
      UpdateExpression: "SET settings = :settings",
      ExpressionAttributeValues: { ":settings": { timeZone: null } },
    }),
  );
  expect((await resolveSession(sessionIds[0]!))?.shortcuts).toBe(true);
});
