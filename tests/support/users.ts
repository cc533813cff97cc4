import { inboxAccess } from "#src/lists/list-access.ts";
// Arranging users and their tasks for tests of the built handler: the account is made in the
// Cognito emulator directly and tasks through the task service, against the same local stack,
// so a test spends its requests on what it is about (one sign-in through the real form).
import { createTask } from "#src/tasks/task-service.ts";
import type { Task, TaskPriority, TaskStatus } from "#src/tasks/task.ts";
import { decodeJwt } from "#tests/support/api-client.ts";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { TEST_PASSWORD, signIn, type LambdaResponse, type SignedInUser } from "#tests/support/lambda-client.ts";

export interface User extends SignedInUser {
  /** The Cognito `sub`: the owner of the user's tasks. */
  sub: string;
}

/** A confirmed account, signed in through the app's own form, with its owner id. */
export async function newUser(): Promise<User> {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const { accessToken } = await tokensFor(email, TEST_PASSWORD);
  return { ...(await signIn(email, TEST_PASSWORD)), sub: String(decodeJwt(accessToken).payload.sub) };
}

/** Follows a 303 as a browser would: to its Location, carrying the cookies it set (e.g. the flash). */
export function follow(user: SignedInUser, response: LambdaResponse): Promise<LambdaResponse> {
  if (response.status !== 303)
    throw new Error(`expected a 303, got ${response.status}: ${response.text.slice(0, 300)}`);
  const cookies = response.cookies.map((cookie) => cookie.split(";", 1)[0] ?? "").filter(Boolean);
  return user.invoke(response.headers.location ?? "/", { cookies });
}

export interface TaskSeed {
  title?: string;
  description?: string;
  status?: TaskStatus;
  /** YYYY-MM-DD; absent for none. */
  dueDate?: string;
  priority?: TaskPriority;
}

/** The user's tasks, created in order through the service (so the last is the newest). */
export async function seedTasks(user: Pick<User, "sub">, tasks: TaskSeed[]): Promise<Task[]> {
  const created: Task[] = [];
  for (const task of tasks) {
    created.push(
      await createTask(inboxAccess(user.sub), { title: `Task ${crypto.randomUUID().slice(0, 8)}`, ...task }),
    );
  }
  return created;
}

export async function seedTask(user: Pick<User, "sub">, task: TaskSeed = {}): Promise<Task> {
  const [created] = await seedTasks(user, [task]);
  if (!created) throw new Error("no task was created");
  return created;
}
