// Talks to a locally running app over plain HTTP, the way a no-JS browser would: for scripts
// (screenshots, Lighthouse) that need a signed-in user with some tasks. Never shipped.

export const DEMO_ACCOUNT = { email: "demo@example.com", password: "DemoPassword1" } as const;

async function postForm(url: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      // Like a browser, say where the post comes from (the app refuses posts that do not).
      Origin: new URL(url).origin,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
}

/** Signs in and returns the session cookie as a `name=value` pair. */
export async function signIn(
  baseUrl: string,
  account: { email: string; password: string } = DEMO_ACCOUNT,
): Promise<string> {
  const response = await postForm(`${baseUrl}/login`, account);
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith("session="));
  if (response.status !== 303 || !cookie) throw new Error(`Sign-in as ${account.email} failed with ${response.status}`);
  return cookie.split(";")[0] ?? "";
}

export async function createTask(
  baseUrl: string,
  cookie: string,
  task: {
    title: string;
    description?: string;
    status?: "todo" | "in_progress" | "done";
    priority?: "none" | "low" | "medium" | "high" | "urgent";
    /** YYYY-MM-DD. */
    dueDate?: string;
  },
): Promise<void> {
  const response = await postForm(`${baseUrl}/tasks`, { description: "", status: "todo", ...task }, cookie);
  if (response.status !== 303) throw new Error(`Creating "${task.title}" failed with ${response.status}`);
}

/** Creates a list of the user's own (a colour from the form's choices), as the New list page does. */
export async function createList(
  baseUrl: string,
  cookie: string,
  list: { name: string; color: string },
): Promise<void> {
  const response = await postForm(`${baseUrl}/lists/new`, list, cookie);
  if (response.status !== 303) throw new Error(`Creating the list "${list.name}" failed with ${response.status}`);
}

/** Creates and confirms an account (local codes are always 123456). */
export async function signUp(baseUrl: string, account: { email: string; password: string }): Promise<void> {
  const created = await postForm(`${baseUrl}/signup`, account);
  if (created.status !== 303) throw new Error(`Sign-up of ${account.email} failed with ${created.status}`);
  const confirmed = await postForm(`${baseUrl}/signup/confirm`, {
    email: account.email,
    code: "123456",
    intent: "confirm",
  });
  if (confirmed.status !== 303) throw new Error(`Confirming ${account.email} failed with ${confirmed.status}`);
}

/** A full page of sample tasks (25 by default), a third of them with a description. */
export async function createSampleTasks(baseUrl: string, cookie: string, count = 25): Promise<void> {
  for (let index = 1; index <= count; index++) {
    await createTask(baseUrl, cookie, {
      title: `Task number ${index}: something worth doing`,
      description: index % 3 === 0 ? "With a short description." : "",
      status: (["todo", "in_progress", "done"] as const)[index % 3],
    });
  }
}

/** The session cookie (`name=value`, as signIn returns it) for a browser context. */
export function browserCookie(cookie: string, url: string): { name: string; value: string; url: string } {
  const [name = "session", ...value] = cookie.split("=");
  return { name, value: value.join("="), url };
}

/** A date `days` from today in UTC (the demo account's zone until it sets one), as a form sends it. */
function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A handful of tasks that show what the app does (issue 26): due today, overdue and coming up,
 * priorities, one in progress and one done, a description with a link, and where to find the
 * keyboard shortcuts and the board. For the demo account of `npm run dev` and `npm start`.
 */
export const DEMO_TASKS = [
  {
    title: "Try the keyboard: press ? for the shortcuts",
    description: "j and k move between tasks, x selects, s then 3 marks one done, z undoes.",
    priority: "medium",
    dueDate: 0,
  },
  { title: "Pay the electricity bill", priority: "urgent", dueDate: -1 },
  {
    title: "Plan the team offsite",
    description: "Venue ideas: https://example.com/venues\nOn the Board, move it from column to column as it goes.",
    status: "in_progress",
    priority: "high",
    dueDate: 3,
  },
  { title: "Book a dentist appointment", priority: "low", dueDate: 6 },
  { title: "Water the plants", status: "done" },
  { title: "Read “The Pragmatic Programmer”", description: "Search finds words in descriptions too." },
] as const;

/** Signs in as the demo account and gives it the sample tasks (the oldest first, as listed last). */
export async function seedDemoTasks(baseUrl: string): Promise<void> {
  const cookie = await signIn(baseUrl, DEMO_ACCOUNT);
  for (const task of [...DEMO_TASKS].reverse()) {
    const { dueDate, ...rest } = task as (typeof DEMO_TASKS)[number] & { dueDate?: number };
    await createTask(baseUrl, cookie, {
      ...rest,
      ...(dueDate !== undefined ? { dueDate: daysFromToday(dueDate) } : {}),
    });
  }
}
