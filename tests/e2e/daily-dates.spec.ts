import { expect, test } from "./support/test.ts";
import { signedInUser } from "./support/seed.ts";

// Issue 26 item 14, in the browser: the import preview reads dates as the rest of the app does
// ("Mon 1 Mar 2027"), and the browser's request for /favicon.ico finds an icon.

test("the import preview shows a due date as the lists do, weekday first", async ({ page }) => {
  test.slow();
  await signedInUser(page, "dates-import");
  await page.goto("/tasks/import");
  const csv = ["title,description,status,dueDate,priority", "Pack for the trip,,todo,2027-03-01,high"].join("\r\n");
  await page
    .getByLabel("File to import")
    .setInputFiles({ name: "trip.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and preview" }).click();

  const preview = page.getByRole("region", { name: "Preview" });
  // Upload goes through a cold sandbox Lambda on a shared machine: allow it time.
  await expect(preview.getByText("1 task will be created")).toBeVisible({ timeout: 30_000 });
  await expect(preview).toContainText("Due Mon 1 Mar 2027");
  await expect(preview).not.toContainText("2027-03-01");
});

test("/favicon.ico answers with the app's icon", async ({ page }) => {
  const response = await page.request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("image/svg+xml");
  expect(await response.text()).toContain("<svg");
});
