import { beforeAll, expect, test } from "vitest";
import { invoke as anonymousInvoke, newSignedInUser, type SignedInUser } from "#tests/support/lambda-client.ts";
import { taskFields } from "#tests/support/factories.ts";

let user: SignedInUser;
beforeAll(async () => {
  user = await newSignedInUser();
});
const invoke: SignedInUser["invoke"] = (target, options) => user.invoke(target, options);

// These drive the bundle that ships (src/http/any-catchall/index.mjs) with API Gateway
// HTTP API payload 2.0 events, through Remix, to the sandbox's DynamoDB.

function taskIdFrom(html: string, title: string): string {
  const match = new RegExp(`href="/tasks/([0-9A-Z]{26})"[^>]*>${title}<`).exec(html);
  if (!match?.[1]) throw new Error(`No link to a task titled ${title}`);
  return match[1];
}

async function createViaForm(fields: Record<string, string>) {
  const created = await invoke("/tasks", { form: fields });
  expect(created.status).toBe(303);
  const list = await invoke("/tasks");
  return taskIdFrom(list.body, fields.title ?? "");
}

test("GET / renders the landing page for visitors and sends signed-in users to their tasks", async () => {
  const response = await anonymousInvoke("/");
  const signedIn = await invoke("/");

  expect(signedIn.status).toBe(303);
  expect(signedIn.headers.location).toBe("/tasks");

  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toContain("text/html");
  expect(response.text).toContain("Get things done");
});

test("POST /tasks creates a task and redirects with 303 to the list, which shows it", async () => {
  const fields = taskFields({ description: "From the handler test" });

  const response = await invoke("/tasks", { form: fields });
  const list = await invoke("/tasks");

  expect(response.status).toBe(303);
  expect(response.headers.location).toBe("/tasks");
  expect(list.status).toBe(200);
  expect(list.text).toContain(fields.title);
});

test("POST /tasks with invalid input is a 400 that keeps the input, shows the messages and stores nothing", async () => {
  const marker = `kept-${Date.now()}`;

  const response = await invoke("/tasks", { form: { title: "", description: marker, status: "bogus" } });
  const list = await invoke("/tasks");

  expect(response.status).toBe(400);
  expect(response.text).toContain("Title is required.");
  expect(response.text).toContain("Choose a valid status.");
  expect(response.text).toContain(marker);
  expect(response.text).toMatch(/aria-invalid="true"/);
  expect(list.text).not.toContain(marker);
});

test("user text is escaped, never rendered as HTML", async () => {
  const title = `<img src=x onerror=alert(1)> ${Date.now()}`;

  const response = await invoke("/tasks", { form: { title, description: "<script>alert('x')</script>" } });
  const list = await invoke("/tasks");

  expect(response.status).toBe(303);
  expect(list.body).not.toContain("<img src=x");
  expect(list.body).toContain("&lt;img src=x");
  expect(list.text).toContain(title);
});

test("GET /tasks/:id shows the task with an edit form carrying the version", async () => {
  const fields = taskFields({ description: "line one\nline two", status: "in_progress" });
  const id = await createViaForm(fields);

  const page = await invoke(`/tasks/${id}`);

  expect(page.status).toBe(200);
  expect(page.text).toContain("line one\nline two");
  expect(page.body).toMatch(/<input type="hidden" name="version" value="1"\/>/);
  expect(page.body).toContain('name="intent" value="delete"');
});

test("POST /tasks/:id intent=update saves and redirects; a stale version is a 409 showing the current task and the input", async () => {
  const fields = taskFields();
  const id = await createViaForm(fields);

  const first = await invoke(`/tasks/${id}`, {
    form: {
      intent: "update",
      dueDate: "",
      priority: "none",
      title: "Edited once",
      description: "",
      status: "done",
      version: "1",
    },
  });
  const stale = await invoke(`/tasks/${id}`, {
    form: {
      intent: "update",
      dueDate: "",
      priority: "none",
      title: "My stale edit",
      description: "",
      status: "todo",
      version: "1",
    },
  });

  expect(first.status).toBe(303);
  expect(first.headers.location).toBe(`/tasks/${id}`);
  expect(stale.status).toBe(409);
  expect(stale.text).toContain("Someone else changed this task");
  expect(stale.text).toContain("Edited once");
  expect(stale.body).toContain('value="My stale edit"');
  expect(stale.body).toMatch(/name="version" value="2"/);
  expect((await invoke(`/tasks/${id}`)).text).toContain("Edited once");
});

test("POST /tasks/:id intent=update with invalid input is a 400 and changes nothing", async () => {
  const fields = taskFields();
  const id = await createViaForm(fields);

  const response = await invoke(`/tasks/${id}`, {
    form: {
      intent: "update",
      dueDate: "",
      priority: "none",
      title: "x".repeat(201),
      description: "",
      status: "todo",
      version: "1",
    },
  });

  expect(response.status).toBe(400);
  expect(response.text).toContain("Title must be at most 200 characters.");
  expect((await invoke(`/tasks/${id}`)).text).toContain(fields.title);
});

test("POST /tasks/:id intent=delete deletes and redirects to /tasks; the task is then 404", async () => {
  const id = await createViaForm(taskFields());

  const response = await invoke(`/tasks/${id}`, { form: { intent: "delete" } });

  expect(response.status).toBe(303);
  expect(response.headers.location).toBe("/tasks");
  expect((await invoke(`/tasks/${id}`)).status).toBe(404);
  expect((await invoke(`/tasks/${id}`, { form: { intent: "delete" } })).status).toBe(404);
  expect(
    (
      await invoke(`/tasks/${id}`, {
        form: {
          intent: "update",
          dueDate: "",
          priority: "none",
          title: "x",
          description: "",
          status: "todo",
          version: "1",
        },
      })
    ).status,
  ).toBe(404);
});

test("a missing task is a 404 page", async () => {
  const response = await invoke("/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV");

  expect(response.status).toBe(404);
  expect(response.text).toContain("Page not found");
});

test("an unknown path is a 404 page, for GET and POST, signed in or not", async () => {
  expect((await invoke("/no/such/page")).status).toBe(404);
  expect((await invoke("/no/such/page")).text).toContain("Page not found");
  expect((await invoke("/no/such/page", { form: { a: "b" } })).status).toBe(404);
  expect((await anonymousInvoke("/no/such/page")).status).toBe(404);
});

test("a forged cursor or unknown filter is a 400 page, not a crash", async () => {
  const forged = await invoke("/tasks?cursor=eyJ2IjoxLCJrIjp7fX0.AAAA");
  const filter = await invoke("/tasks?status=archived");

  expect(forged.status).toBe(400);
  expect(forged.text).toContain("This page link is invalid");
  expect(filter.status).toBe(400);
});

test("an unknown intent or a body that is not a form is a 400", async () => {
  const id = await createViaForm(taskFields());

  expect((await invoke(`/tasks/${id}`, { form: { intent: "explode" } })).status).toBe(400);
  expect(
    (await invoke("/tasks", { body: '{"title":"json"}', headers: { "content-type": "application/json" } })).status,
  ).toBe(400);
});

test("GET /healthcheck is 200 when the tables are reachable", async () => {
  const response = await anonymousInvoke("/healthcheck");

  expect(response.status).toBe(200);
  expect(JSON.parse(response.body)).toEqual({ ok: true, tables: "reachable" });
});

test("a GET never changes data", async () => {
  const fields = taskFields();
  const id = await createViaForm(fields);

  await invoke(`/tasks/${id}?intent=delete`);
  await invoke(`/tasks?title=sneaky`);

  expect((await invoke(`/tasks/${id}`)).status).toBe(200);
});

test("the built bundle serves the hashed client assets under /_static/", async () => {
  const page = await invoke("/tasks");

  expect(page.body).toMatch(/<script [^>]*type="module"[^>]*>/);
  expect(page.body).toMatch(/\/_static\/assets\/entry\.client-[\w-]+\.js/);
  expect(page.body).toMatch(/\/_static\/assets\/tailwind-[\w-]+\.css/);
});

test("pages are compressed for browsers that accept brotli", async () => {
  const { loadHandler, httpEvent } = await import("#tests/support/lambda-client.ts");
  const { brotliDecompressSync } = await import("node:zlib");
  const handler = await loadHandler();

  const result = await handler(
    httpEvent("/signup", { headers: { "accept-encoding": "gzip, deflate, br" } }),
    {} as never,
  );

  expect(result.headers?.["content-encoding"]).toBe("br");
  expect(brotliDecompressSync(Buffer.from(result.body ?? "", "base64")).toString("utf8")).toContain(
    "Create your account",
  );
});

test("a request with a malformed Host header is a 400, not a crash", async () => {
  const response = await anonymousInvoke("/tasks", { headers: { host: "bad host" } });

  expect(response.status).toBe(400);
  expect(response.body).not.toMatch(/\n\s+at /);
});

test("GET /robots.txt keeps crawlers out of task pages", async () => {
  const response = await anonymousInvoke("/robots.txt");

  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toContain("text/plain");
  expect(response.body).toContain("Disallow: /tasks");
});

test("pages that need no interactivity send no JavaScript; the task pages do", async () => {
  // Sign-in, sign-up, reset and the landing page are plain forms and links (issue 12: 0 KB).
  for (const path of ["/", "/login", "/signup", "/signup/confirm", "/forgot-password", "/reset-password"]) {
    const page = await anonymousInvoke(path);
    expect(page.status, path).toBe(200);
    expect(page.text, path).toContain("<main");
    expect(page.text, path).not.toMatch(/<script|modulepreload/);
  }
  for (const path of ["/tasks", "/board"]) {
    const page = await invoke(path);
    expect(page.status, path).toBe(200);
    expect(page.text, path).toMatch(/<script [^>]*type="module"/);
  }
});
