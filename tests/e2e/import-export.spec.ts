import { readFile } from "node:fs/promises";
import { expect, test } from "./support/test.ts";
import { flash, taskLinks } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { signedInUser } from "./support/seed.ts";

// Upload, preview, confirm, then export: as a person does it, with and without JavaScript.

test("a CSV is previewed with its refused rows, imported on confirm, and comes back in the export", async ({
  page,
}, testInfo) => {
  test.slow();
  await signedInUser(page, "import");
  await page.goto("/tasks");
  await page.getByText("Account", { exact: true }).click();
  await page.getByRole("link", { name: "Export / Import" }).click();
  await expect(page.getByRole("heading", { name: "Export and import", level: 1 })).toBeVisible();

  const csv = [
    "title,description,status,dueDate,priority",
    'Pack for the trip,"socks, charger",todo,2027-03-01,high',
    "Book the hotel,,in_progress,,urgent",
    '"=HYPERLINK(""http://evil.example"",""x"")",,todo,,none',
  ].join("\r\n");
  await page
    .getByLabel("File to import")
    .setInputFiles({ name: "trip.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and preview" }).click();

  const preview = page.getByRole("region", { name: "Preview" });
  // Upload and confirm go through a cold sandbox Lambda on a shared machine: allow it time.
  await expect(preview.getByText("2 tasks will be created")).toBeVisible({ timeout: 30_000 });
  await expect(preview.getByText("Pack for the trip")).toBeVisible();
  await expect(preview.getByText(/Row 4:.*spreadsheet runs as a formula/)).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "import preview");

  await preview.getByRole("button", { name: "Import 2 tasks" }).click();
  await expect(flash(page)).toHaveText("Imported 2 tasks.", { timeout: 30_000 });
  await expect(taskLinks(page)).toHaveText(["Book the hotel", "Pack for the trip"]);

  await page.goto("/tasks/import");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^tasks-\d{4}-\d{2}-\d{2}\.csv$/);
  const exported = await readFile(await file.path(), "utf8");
  expect(exported).toContain('Pack for the trip,"socks, charger",todo,2027-03-01,high,');
  expect(exported).toContain("Book the hotel,,in_progress,,urgent,");

  // The same file again: the preview says when it was imported and asks for "Import again".
  await page
    .getByLabel("File to import")
    .setInputFiles({ name: "trip.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("alert")).toContainText(
    /You imported this file on [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}(?: \d{4})?, \d{2}:\d{2} \S+\. Import it again\?/,
  );
  await expect(page.getByRole("button", { name: "Import again (2 tasks)" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo, "import preview of a file imported before");
});

test("a file that is not CSV or JSON is refused with a message on the import page", async ({ page }, testInfo) => {
  test.slow();
  await signedInUser(page, "import-bad");
  await page.goto("/tasks/import");

  await page.getByLabel("File to import").setInputFiles({
    name: "photo.png",
    mimeType: "image/png",
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
  });
  await page.getByRole("button", { name: "Upload and preview" }).click();

  await expect(page.getByRole("alert")).toContainText("This is a binary file", { timeout: 30_000 });
  await expectNoAxeViolations(page, testInfo, "import page with an error");
});
