import { inboxAccess } from "#src/lists/list-access.ts";
import { monotonicFactory } from "ulid";
import { afterAll, beforeAll, expect, test } from "vitest";
import { batchPutTasks } from "#src/scripts/bench/bench-seed.ts";
import { SEARCH_EXAMINE_LIMIT } from "#src/tasks/task-search.ts";
import { createTask } from "#src/tasks/task-service.ts";
import { addDays, todayIn } from "#src/tasks/task-dates.ts";
import { startDynamoCallProxy } from "#tests/support/dynamo-calls.ts";
import { newUser } from "#tests/support/users.ts";

// GET /tasks?q=… through the bundle that ships, with API Gateway events, as a browser without
// JavaScript uses it. Tasks are seeded through the service, for the user the pages sign in.

let proxy: Awaited<ReturnType<typeof startDynamoCallProxy>>;
const realEndpoint = process.env.DYNAMODB_ENDPOINT ?? "";
beforeAll(async () => {
  proxy = await startDynamoCallProxy(realEndpoint);
  process.env.DYNAMODB_ENDPOINT = proxy.endpoint;
});
afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = realEndpoint;
  await proxy.stop();
});

/** The rows' titles in page order, marks and all, as HTML. */
function rowTitles(html: string): string[] {
  return [...html.matchAll(/<li [^>]*data-task-id="[^"]+"[\s\S]*?<h3[^>]*><a[^>]*>([\s\S]*?)<\/a><\/h3>/g)].map(
    (match) => match[1] ?? "",
  );
}

const plain = (html: string) => html.replace(/<mark[^>]*>/g, "").replace(/<\/mark>/g, "");

function hrefOf(html: string, label: string): string | undefined {
  const match = new RegExp(`<a[^>]*href="([^"]+)"[^>]*>(?:<!-- -->)?${label}`).exec(html);
  return match?.[1]?.replace(/&amp;/g, "&");
}

test("GET /tasks?q= marks the matches, keeps the view in the form, and says how many matched", async () => {
  const user = await newUser();
  await createTask(inboxAccess(user.sub), { title: "Café order", description: "" });
  await createTask(inboxAccess(user.sub), {
    title: "Groceries",
    description: "Milk, eggs, a long list of other things first, and then coffee beans for the CAFE downstairs",
  });
  await createTask(inboxAccess(user.sub), { title: "Tea" });
  await createTask(inboxAccess(user.sub), { title: "Caféteria plan", status: "done" });

  const response = await user.invoke("/tasks?q=cafe&sort=due&status=todo");

  expect(response.status).toBe(200);
  const titles = rowTitles(response.text);
  expect(titles.map(plain)).toEqual(["Café order", "Groceries"]);
  expect(titles[0]).toMatch(/^<mark[^>]*>Café<\/mark> order$/);
  // The description shows from near its match, the match marked.
  expect(response.text).toMatch(/…[^<]*coffee beans for the <mark[^>]*>CAFE<\/mark> downstairs/);
  expect(response.text).toContain("2 tasks match “cafe”.");
  expect(response.text).toMatch(/<form[^>]*method="get"[^>]*action="\/tasks"[^>]*role="search"/);
  expect(response.text).toContain('<input type="hidden" name="status" value="todo"/>');
  expect(response.text).toContain('<input type="hidden" name="sort" value="due"/>');
  expect(response.text).toMatch(/<input[^>]*name="q"[^>]*value="cafe"/);
  expect(hrefOf(response.text, "Clear search")).toBe("/tasks?status=todo&sort=due");
  expect(hrefOf(response.text, "Done")).toBe("/tasks?status=done&sort=due&q=cafe");
  // The main navigation leads to the views themselves (one Today, one Upcoming); the status
  // filters are what keeps the search.
  expect(response.text).toContain('class="nav-link" data-discover="true" href="/tasks?due=today"');
});

test("a search with the due views, one with no match, and another user's tasks", async () => {
  const user = await newUser();
  const other = await newUser();
  const today = todayIn("UTC");
  await createTask(inboxAccess(user.sub), { title: "Report due", dueDate: today });
  await createTask(inboxAccess(user.sub), { title: "Report later", dueDate: addDays(today, 3) });
  await createTask(inboxAccess(other.sub), { title: "Secret report", dueDate: today });

  const todays = await user.invoke("/tasks?due=today&q=report");
  const none = await user.invoke("/tasks?q=secret");

  expect(rowTitles(todays.text).map(plain)).toEqual(["Report due"]);
  expect(todays.text).toContain('<input type="hidden" name="due" value="today"/>');
  expect(none.status).toBe(200);
  expect(rowTitles(none.text)).toEqual([]);
  expect(none.text).toContain("No tasks match “secret”.");
  expect(none.text).not.toContain("Secret report");
  expect(hrefOf(none.text, "Clear search")).toBe("/tasks");
});

test("search pages by a cursor bound to q: every match once, another q's cursor is a 400", async () => {
  const user = await newUser();
  for (let i = 1; i <= 27; i++)
    await createTask(inboxAccess(user.sub), { title: `Invoice ${String(i).padStart(2, "0")}` });
  await createTask(inboxAccess(user.sub), { title: "Receipt" });

  const first = await user.invoke("/tasks?q=invoice");
  const next = hrefOf(first.text, "Next page");
  const second = await user.invoke(next ?? "");
  const cursor = new URL(next ?? "", "https://x").searchParams.get("cursor") ?? "";
  const swapped = await user.invoke(`/tasks?q=receipt&cursor=${encodeURIComponent(cursor)}`);

  expect(first.text).toContain("25 tasks found on this page for “invoice”.");
  expect(next).toMatch(/^\/tasks\?q=invoice&cursor=/);
  expect(rowTitles(second.text).map(plain)).toEqual(["Invoice 02", "Invoice 01"]);
  expect(second.text).toContain("2 tasks found on this page for “invoice”.");
  expect(new Set([...rowTitles(first.text), ...rowTitles(second.text)].map(plain)).size).toBe(27);
  expect(swapped.status).toBe(400);
  expect(swapped.text).toContain("This page link is invalid or has expired.");
});

test("a 201-character search is a 400 page with the message; a search page costs what a plain page does", async () => {
  const user = await newUser();
  await createTask(inboxAccess(user.sub), { title: "Something" });
  await user.invoke("/tasks"); // the session's first page prepares the account once

  const tooLong = await user.invoke(`/tasks?q=${"x".repeat(201)}`);
  proxy.reset();
  await user.invoke("/tasks");
  const plainCalls = proxy.calls.map((call) => call.command);
  proxy.reset();
  const found = await user.invoke("/tasks?q=some");
  const searchCalls = proxy.calls.map((call) => call.command);
  proxy.reset();
  await user.invoke("/tasks?q=some&due=upcoming");
  const upcomingCalls = proxy.calls.map((call) => call.command);

  expect(tooLong.status).toBe(400);
  expect(tooLong.text).toContain("A search can be at most 200 characters.");
  expect(rowTitles(found.text).map(plain)).toEqual(["Something"]);
  expect(searchCalls).toEqual(plainCalls);
  // The session (which keeps the user's lists since the first page), then one Query, two for Upcoming.
  expect(searchCalls).toEqual(["GetItem", "Query"]);
  expect(upcomingCalls).toEqual(["GetItem", "Query", "Query"]);
});

test("a search page that reaches the examine limit says so and offers Search further", async () => {
  const user = await newUser();
  const nextId = monotonicFactory();
  const now = new Date().toISOString();
  const task = (title: string) => ({
    id: nextId(),
    listId: user.sub,
    title,
    description: "",
    status: "todo" as const,
    dueDate: null,
    priority: "none" as const,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  // The needle is the oldest task: newest first, the first page's 1,000 are all hay.
  await batchPutTasks([
    task("Needle"),
    ...Array.from({ length: SEARCH_EXAMINE_LIMIT + 5 }, (_, i) => task(`Hay ${i}`)),
  ]);

  const first = await user.invoke("/tasks?q=needle");
  const further = hrefOf(first.text, "Search further");
  const second = await user.invoke(further ?? "");

  expect(first.status).toBe(200);
  expect(first.text).toContain(
    "No matches for “needle” among the tasks searched so far. Not every task has been searched yet.",
  );
  expect(further).toMatch(/^\/tasks\?q=needle&cursor=/);
  expect(rowTitles(second.text).map(plain)).toEqual(["Needle"]);
  expect(second.text).toContain("1 task found on this page for “needle”.");
  expect(hrefOf(second.text, "Search further")).toBeUndefined();
});
