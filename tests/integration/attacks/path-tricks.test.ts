import { beforeAll, expect, test } from "vitest";
import { taskFields } from "#tests/support/factories.ts";
import { newSignedInUser, type LambdaResponse, type SignedInUser } from "#tests/support/lambda-client.ts";

// Path tricks, as an attacker tries them against the built Lambda: a path that reads as one
// place (the JSON API, which skips the page's Origin check) and routes to another (the task
// pages). Each is refused before any route runs; the victim's tasks are as they were and the
// victim still gets in.

let victim: SignedInUser;
let victimTask: string;
beforeAll(async () => {
  victim = await newSignedInUser();
  victimTask = taskFields().title ?? "";
  const created = await victim.invoke("/tasks", { form: taskFields({ title: victimTask }) });
  expect(created.status).toBe(303);
});

const PLANTED = "Planted through a path trick";
const ATTACKER_SITE = { origin: "https://attacker.example" };

async function expectNothingChangedAndVictimStillIn() {
  const list = await victim.invoke("/tasks");
  expect(list.status).toBe(200);
  expect(list.text).toContain(victimTask);
  expect(list.text).not.toContain(PLANTED);
}

function expectRefusedAsBadRequest(response: LambdaResponse) {
  expect(response.status, response.text.slice(0, 300)).toBe(400);
  expect(response.text).not.toContain(victimTask);
}

const TRICKS = [
  "/api/../tasks",
  "/api/%2e%2e/tasks",
  "/api/.%2E/tasks",
  "/api/%2E./tasks",
  "/api/v1/../../tasks",
  "/api/./../tasks",
  "/api\\..\\tasks",
  "/api/..\\tasks",
  "/api%2f..%2ftasks",
  "/api/%2F../tasks",
  "/api%5c..%5ctasks",
];

test.each(TRICKS)("a cross-site POST %s carrying the victim's cookie creates nothing", async (rawPath) => {
  const response = await victim.invoke("/tasks", {
    rawPath,
    headers: ATTACKER_SITE,
    form: taskFields({ title: PLANTED }),
  });

  expectRefusedAsBadRequest(response);
  await expectNothingChangedAndVictimStillIn();
});

test.each(TRICKS)("GET %s with the victim's cookie does not serve the task page", async (rawPath) => {
  const response = await victim.invoke("/tasks", { rawPath });

  expectRefusedAsBadRequest(response);
  await expectNothingChangedAndVictimStillIn();
});

test("the refusal of a path aimed at the API is a problem document, of one aimed at a page an HTML page", async () => {
  const api = await victim.invoke("/tasks", { rawPath: "/api/v1/tasks/../tasks" });
  const page = await victim.invoke("/tasks", { rawPath: "/tasks/../tasks" });

  expect(api.status).toBe(400);
  expect(api.headers["content-type"]).toBe("application/problem+json");
  expect(JSON.parse(api.body)).toMatchObject({ status: 400, detail: expect.stringContaining("plain path") });
  expect(page.status).toBe(400);
  expect(page.headers["content-type"]).toContain("text/html");
  expect(page.text).toContain("could not be understood");
  expect(page.headers["content-security-policy"]).toBeDefined();
});

test("a dot segment in a page path does not reach the export of the victim's tasks", async () => {
  const response = await victim.invoke("/tasks", { rawPath: "/login/../tasks/export.csv" });

  expectRefusedAsBadRequest(response);
  await expectNothingChangedAndVictimStillIn();
});
