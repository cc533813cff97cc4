import { beforeAll, expect, test } from "vitest";
import { seedTasks, newUser, type User } from "#tests/support/users.ts";

// React 18.3's streaming renderer can send the unused end of its 2 KB buffer when a multi-byte
// character does not fit in it: NUL bytes in the page. Browsers drop them from text but turn
// them into U+FFFD inside attribute values, text areas and the page's data script, so a title
// could come back from a form with a stray character. Pages full of accents and curly quotes,
// through the built handler, must be clean UTF-8 without them.

let user: User;
beforeAll(async () => {
  user = await newUser();
  // Titles of every length in bytes, so 2 KB boundaries fall inside multi-byte characters.
  await seedTasks(
    user,
    Array.from({ length: 25 }, (_, i) => ({
      title: `${"é".repeat(i % 4)}Café “naïve” ${"€".repeat(i % 3)} ${i}`,
      description: `Crème brûlée ${"ü".repeat(i)} — ${"a".repeat(i % 2)}✓`,
    })),
  );
});

test.each(["/tasks", "/tasks?q=naive", "/board"])("%s has no NUL bytes and decodes as UTF-8", async (path) => {
  const response = await user.invoke(path);
  expect(response.status).toBe(200);
  expect(response.body).toContain("Café “naïve”");
  expect(response.body).not.toContain("\u0000");
  expect(response.body).not.toContain("\uFFFD");
});
