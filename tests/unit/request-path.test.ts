import { expect, test } from "vitest";
import { checkPath } from "#src/http/request-path.ts";

test.each([
  "/",
  "/tasks",
  "/tasks/01JAAAAAAAAAAAAAAAAAAAAAAA",
  "/tasks/export.csv",
  "/robots.txt",
  "/_static/app-x1.js",
  "/tasks/.well-known",
  "/a..b/c.d",
])("%s is an ordinary page path", (path) => {
  expect(checkPath(path)).toEqual({ ok: true, api: false });
});

test.each([
  "/api/v1/tasks",
  "/api/v1/openapi.json",
  "/API/v1/tasks",
  "/%61pi/v1/tasks",
  "/Api/v1/tasks/01JAAAAAAAAAAAAAAAAAAAAAAA",
])("%s is the API, as Remix routes it (decoded, any case)", (path) => {
  expect(checkPath(path)).toEqual({ ok: true, api: true });
});

test.each([
  ["/api/../tasks", true],
  ["/api/%2e%2E/tasks", true],
  ["/tasks/./x", false],
  ["/tasks/%2e/x", false],
  ["/tasks/..", false],
  ["/api\\..\\tasks", true],
  ["/tasks%2Fexport.csv", false],
  ["/api/v1%5ctasks", true],
])("%s is refused (aimed at the API: %s)", (path, api) => {
  expect(checkPath(path)).toMatchObject({ ok: false, api });
});

test("a malformed escape is judged as it stands, not thrown on", () => {
  expect(checkPath("/tasks/100%")).toEqual({ ok: true, api: false });
  expect(checkPath("/api/%E0%A4%A")).toEqual({ ok: true, api: true });
});
