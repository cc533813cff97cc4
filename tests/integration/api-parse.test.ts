import { beforeAll, describe, expect, test } from "vitest";
import { updateAccountSettings } from "#src/accounts/settings-service.ts";
import { todayIn, addDays } from "#src/tasks/task-dates.ts";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { api, decodeJwt } from "#tests/support/api-client.ts";
import { TEST_PASSWORD } from "#tests/support/lambda-client.ts";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { createList, setListArchived } from "#src/lists/list-service.ts";

// POST /api/v1/parse through the bundle that ships; every answer is checked against the
// OpenAPI document (tests/support/api-client.ts). The parser's own rules are the table in
// tests/unit/quick-add.test.ts; here: the wiring, the caller's time zone, and bad input.

let token: string;
let sub: string;

beforeAll(async () => {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  token = (await tokensFor(email, TEST_PASSWORD)).accessToken;
  sub = String(decodeJwt(token).payload.sub);
});

describe("POST /api/v1/parse", () => {
  test("answers what quick add would make of the text, and creates nothing", async () => {
    const zone = "Pacific/Kiritimati"; // UTC+14: its "tomorrow" is rarely the server's
    await updateAccountSettings(sub, { timeZone: zone });
    const response = await api("POST", "/api/v1/parse", {
      token,
      json: { text: "Buy milk tomorrow 5pm p1 @errand every weekday" },
    });
    expect(response.status, response.body).toBe(200);
    expect(response.data).toMatchObject({
      title: "Buy milk",
      dueDate: addDays(todayIn(zone), 1),
      dueTime: "17:00",
      priority: "urgent",
      labels: ["errand"],
      list: null,
      recurrence: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
      recurrenceText: "every weekday",
    });
    expect(response.data.parts.map((part: { kind: string }) => part.kind)).toEqual([
      "date",
      "priority",
      "label",
      "repeat",
    ]);
    const tasks = await api("GET", "/api/v1/tasks", { token });
    expect(tasks.data.tasks).toEqual([]);
  });

  test("a dismissed part stays text; #list stays text while no lists exist", async () => {
    const first = await api("POST", "/api/v1/parse", { token, json: { text: "Sat on the report #Work" } });
    expect(first.data).toMatchObject({ title: "on the report #Work", list: null, parts: [{ kind: "date", start: 0 }] });
    const kept = await api("POST", "/api/v1/parse", { token, json: { text: "Sat on the report #Work", keep: [0] } });
    expect(kept.data).toMatchObject({ title: "Sat on the report #Work", dueDate: null, parts: [] });
  });

  test("#list names a list the caller may add to; a list they only read stays text", async () => {
    const work = await createList({ id: sub, email: "parse@example.com" }, { name: "Work", color: "blue" });
    const parsed = await api("POST", "/api/v1/parse", { token, json: { text: "Ship it #work @Q4" } });
    expect(parsed.data).toMatchObject({ title: "Ship it", list: "Work", labels: ["Q4"] });
    expect(parsed.data.parts.map((part: { kind: string }) => part.kind)).toEqual(["list", "label"]);
    // Archived: read-only, so its name is only text.
    await setListArchived(await resolveListAccess(sub, work.id), true);
    const archived = await api("POST", "/api/v1/parse", { token, json: { text: "Ship it #work" } });
    expect(archived.data).toMatchObject({ title: "Ship it #work", list: null });
  });

  test.each([
    [{}, "text"],
    [{ text: "" }, "text"],
    [{ text: 42 }, "text"],
    [{ text: "x".repeat(1001) }, "text"],
    [{ text: "ok", keep: "0" }, "keep"],
    [{ text: "ok", extra: 1 }, "extra"],
    [{ text: "ok", constructor: 1 }, "constructor"],
  ])("bad input %j is a 400 naming %s", async (json, field) => {
    const response = await api("POST", "/api/v1/parse", { token, json });
    expect(response.status, response.body).toBe(400);
    expect(response.data.errors).toHaveProperty([field]);
  });

  test("needs a token", async () => {
    const response = await api("POST", "/api/v1/parse", { json: { text: "Buy milk" } });
    expect(response.status).toBe(401);
  });

  test("other methods are a 405 naming POST", async () => {
    const response = await api("GET", "/api/v1/parse", { token });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("POST");
  });
});
