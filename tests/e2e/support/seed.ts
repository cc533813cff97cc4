// Arranging what a test is not about, without the browser or HTTP: under arc sandbox every
// request starts a fresh Node process (~0.5-1 s), so seeding 25 tasks through the app took
// most of a test's time. These call the real services against the same local stack instead.
import type { Page } from "@playwright/test";
import { commitSessionCookie } from "#app/.server/session.ts";
import { inboxAccess, resolveListAccess } from "#src/lists/list-access.ts";
import { createList } from "#src/lists/list-service.ts";
import { accept, invite } from "#src/lists/membership-service.ts";
import { signIn } from "#src/sessions/session-service.ts";
import { createTask, getTask, updateTask } from "#src/tasks/task-service.ts";
import type { Task, TaskPriority, TaskStatus } from "#src/tasks/task.ts";
import { createConfirmedUser } from "#tests/support/cognito.ts";
import { PASSWORD, uniqueEmail, type Account } from "./app.ts";

export interface User extends Account {
  /** The Cognito `sub`: the owner of the user's tasks. */
  id: string;
}

/** A confirmed account, created directly in the Cognito emulator, not yet signed in anywhere. */
export async function createUser(label = "user"): Promise<Account> {
  const account = { email: uniqueEmail(label), password: PASSWORD };
  await createConfirmedUser(account.email, account.password);
  return account;
}

/**
 * Signs the account in through the session service and hands this page's browser context the
 * session cookie the app would have set (signed by the app's own cookie code).
 */
export async function signInAs(page: Page, account: Account): Promise<User> {
  const { sessionId, user } = await signIn({ email: account.email, password: account.password });
  const setCookie = await commitSessionCookie(sessionId);
  const pair = setCookie.split(";", 1)[0] ?? "";
  const separator = pair.indexOf("=");
  const baseURL = process.env.E2E_BASE_URL;
  if (separator < 1 || !baseURL) throw new Error(`Cannot set the session cookie from: ${setCookie}`);
  await page.context().addCookies([
    {
      name: pair.slice(0, separator),
      value: pair.slice(separator + 1),
      url: baseURL,
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);
  return { ...account, id: user.id };
}

/** A confirmed, signed-in account of its own for this page's browser context. */
export async function signedInUser(page: Page, label = "user"): Promise<User> {
  return signInAs(page, await createUser(label));
}

export interface TaskSeed {
  title: string;
  description?: string;
  status?: TaskStatus;
  /** YYYY-MM-DD, or absent for none. */
  dueDate?: string;
  priority?: TaskPriority;
  /** Labels as the edit form's field takes them ("errand, home"). */
  labels?: string;
}

/**
 * Creates the user's tasks in array order, so the last one is the newest (ids are monotonic
 * ULIDs, ordered even within one millisecond).
 */
export async function seedTasks(user: User, tasks: TaskSeed[]): Promise<Task[]> {
  const created: Task[] = [];
  for (const task of tasks)
    created.push(await createTask(inboxAccess(user.id), { description: "", status: "todo", ...task }));
  return created;
}

export async function seedTask(user: User, task: TaskSeed): Promise<Task> {
  const [created] = await seedTasks(user, [task]);
  if (!created) throw new Error("no task");
  return created;
}

/** A change made elsewhere (another tab, another device) to the task as it is now. */
export async function changeTaskElsewhere(
  user: User,
  taskId: string,
  fields: Required<Pick<TaskSeed, "title" | "description" | "status">> & Partial<TaskSeed>,
): Promise<Task> {
  const current = await getTask(inboxAccess(user.id), taskId);
  return updateTask(inboxAccess(user.id), taskId, {
    dueDate: current.dueDate ?? "",
    priority: current.priority,
    ...fields,
    version: String(current.version),
  });
}

/** A list of the user's own (they are its owner and only member), by its id. */
export async function seedList(user: User, name: string): Promise<string> {
  return (await createList({ id: user.id, email: user.email }, { name })).id;
}

/** Tasks in one of the user's lists, in array order (the last is the newest). */
export async function seedTasksIn(user: User, listId: string, tasks: TaskSeed[]): Promise<Task[]> {
  const access = await resolveListAccess(user.id, listId);
  const created: Task[] = [];
  for (const task of tasks) created.push(await createTask(access, { description: "", status: "todo", ...task }));
  return created;
}

/**
 * The owner invites the member and the member accepts, through the membership service: for a
 * test about what sharing makes possible (the pages' invite and accept have a spec of their own).
 */
export async function shareList(owner: User, listId: string, member: User, role: "editor" | "viewer"): Promise<void> {
  const invitation = await invite(await resolveListAccess(owner.id, listId), { email: member.email, role });
  await accept({ id: member.id, email: member.email.toLowerCase() }, invitation.id);
}
