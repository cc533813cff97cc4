import type { Context } from "aws-lambda";
import { afterEach, beforeAll, beforeEach, expect, test, vi } from "vitest";
import { httpEvent, loadHandler, newSignedInUser, type SignedInUser } from "#tests/support/lambda-client.ts";

// The built handler's output (stdout and stderr), captured: one JSON line per request with its id, method, route,
// status and latency, and none of what the request carried in cookies, headers, query or body.

let user: SignedInUser;
beforeAll(async () => {
  user = await newSignedInUser();
});

let lines: string[] = [];
beforeEach(() => {
  lines = [];
  vi.stubEnv("AWS_LAMBDA_LOG_LEVEL", "INFO");
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      return true;
    });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

async function call(target: string, options: Parameters<typeof httpEvent>[1], awsRequestId: string) {
  const handler = await loadHandler();
  return handler(httpEvent(target, options), { awsRequestId } as Context);
}

const SECRETS = {
  password: "Pa55word-never-logged-7f3a",
  bearer: "eyJraWQiOi.never-logged-token.sig",
  search: "search-words-never-logged",
  cookieValue: "never-logged-cookie-value",
};

test("a request with a cookie, an Authorization header, a query and a password logs one line of safe fields", async () => {
  const response = await call(
    `/login?q=${SECRETS.search}`,
    {
      form: { email: "someone@example.com", password: SECRETS.password },
      cookies: [`session=${SECRETS.cookieValue}`, user.cookie],
      headers: { authorization: `Bearer ${SECRETS.bearer}` },
    },
    "req-login-1",
  );

  const logged = records().filter((record) => record.message === "request");
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatchObject({
    level: "INFO",
    requestId: "req-login-1",
    method: "POST",
    route: "/login",
    status: response.statusCode,
  });
  expect(typeof logged[0]?.latencyMs).toBe("number");
  expect(typeof logged[0]?.timestamp).toBe("string");
  const output = lines.join("\n");
  for (const secret of [...Object.values(SECRETS), user.cookie.split("=")[1] ?? "", "someone@example.com"])
    expect(output).not.toContain(secret);
  expect(output).not.toContain("?");
});

test("task pages log their route pattern, not the task id, and never the task's text", async () => {
  const title = `Private task text ${Date.now()}`;
  await user.invoke("/tasks", { form: { title } });
  const list = await user.invoke("/tasks");
  const id = new RegExp(`href="/tasks/([0-9A-Z]{26})"[^>]*>${title}<`).exec(list.body)?.[1];
  expect(id).toBeDefined();
  lines = [];

  await call(`/tasks/${id}`, { cookies: [user.cookie] }, "req-task-1");
  await call(`/api/v1/tasks/${id}`, { headers: { authorization: `Bearer ${SECRETS.bearer}` } }, "req-task-2");
  await call(`/tasks/${id}.data`, { cookies: [user.cookie] }, "req-task-3");

  expect(records().map(({ requestId, route, status }) => ({ requestId, route, status }))).toEqual([
    { requestId: "req-task-1", route: "/tasks/:id", status: 200 },
    { requestId: "req-task-2", route: "/api/v1/tasks/:id", status: 401 },
    { requestId: "req-task-3", route: "/tasks/:id.data", status: 200 },
  ]);
  expect(lines.join("\n")).not.toContain(title);
  expect(lines.join("\n")).not.toContain(id);
});

test("without a Lambda context the API Gateway request id is used", async () => {
  const handler = await loadHandler();
  const event = httpEvent("/healthcheck");
  event.requestContext.requestId = "apigw-request-9";

  await handler(event, undefined as unknown as Context);

  expect(records()).toMatchObject([{ requestId: "apigw-request-9", route: "/healthcheck", status: 200 }]);
});

test("an error is logged as JSON with its name, message and stack, and without the request body", async () => {
  // A Host header no URL can hold: the request fails before Remix can handle it.
  const response = await call(
    "/login",
    {
      form: { email: "someone@example.com", password: SECRETS.password },
      headers: { host: "bad host", origin: "", "sec-fetch-site": "same-origin" },
    },
    "req-error-1",
  );

  expect(response.statusCode).toBe(400);
  const error = records().find((record) => record.level === "ERROR");
  expect(error).toMatchObject({
    requestId: "req-error-1",
    message: "Request failed before Remix could handle it",
    error: { name: "TypeError", message: "Invalid URL" },
  });
  expect((error?.error as { stack?: string }).stack).toMatch(/TypeError: Invalid URL\n\s+at /);
  expect(records().filter((record) => record.message === "request")).toMatchObject([
    { requestId: "req-error-1", route: "/login", status: 400 },
  ]);
  expect(lines.join("\n")).not.toContain(SECRETS.password);
  expect(lines.join("\n")).not.toContain("someone@example.com");
});

test("the log level setting (AWS_LAMBDA_LOG_LEVEL) silences request lines but keeps warnings", async () => {
  vi.stubEnv("AWS_LAMBDA_LOG_LEVEL", "WARN");

  await call("/healthcheck", {}, "req-quiet-1");
  await call(
    "/login",
    { form: { email: "a@example.com" }, headers: { origin: "https://evil.example" } },
    "req-quiet-2",
  );

  expect(records()).toMatchObject([
    { requestId: "req-quiet-2", level: "WARN", status: 403, refused: "cross-origin request" },
  ]);
  // The refusal names the check, not the header the sender chose.
  expect(lines.join("\n")).not.toContain("evil.example");
});
