import { expect, test } from "vitest";
import { api } from "#tests/support/api-client.ts";
import { tokensFor } from "#tests/support/cognito.ts";
import { TEST_PASSWORD } from "#tests/support/lambda-client.ts";
import { follow, newUser, seedTask } from "#tests/support/users.ts";

// Deleting an account through the built handler: the account page's form (a wrong password
// changes nothing; the right one ends on the landing page, signed out, with a message), and a
// token issued before the deletion refused by the JSON API.

test("the account page deletes the account with its password; the session and the API token stop working", async () => {
  const user = await newUser();
  await seedTask(user, { title: "Keep me until the end" });
  const { accessToken } = await tokensFor(user.email, TEST_PASSWORD);
  expect((await api("GET", "/api/v1/tasks", { token: accessToken })).status).toBe(200);

  const wrong = await user.invoke("/account", { form: { intent: "delete-account", password: "Not-the-password-1" } });
  expect(wrong.status).toBe(400);
  expect(wrong.text).toContain("That is not your password.");
  expect(wrong.cookies.some((cookie) => cookie.startsWith("session="))).toBe(false);
  expect((await user.invoke("/tasks")).text).toContain("Keep me until the end");

  const deleted = await user.invoke("/account", { form: { intent: "delete-account", password: TEST_PASSWORD } });
  expect(deleted.status).toBe(303);
  expect(deleted.headers.location).toBe("/");
  expect(deleted.cookies.find((cookie) => cookie.startsWith("session="))).toMatch(/^session=;.*Max-Age=0/i);
  const landing = await follow(user, deleted);
  expect(landing.status).toBe(200);
  expect(landing.text).toContain("Your account is deleted");

  const again = await user.invoke("/tasks");
  expect(again.status).toBe(303);
  expect(again.headers.location).toBe("/login?redirectTo=%2Ftasks");
  const refused = await api("GET", "/api/v1/tasks", { token: accessToken });
  expect(refused.status).toBe(401);
  expect(refused.data.detail).toBe("This account has been deleted.");
  const signIn = await user.invoke("/login", { form: { email: user.email, password: TEST_PASSWORD } });
  expect(signIn.status).toBe(400);
  expect(signIn.text).toContain("Incorrect email or password.");
});
