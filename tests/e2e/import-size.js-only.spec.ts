import { expect, test } from "./support/test.ts";
import { signedInUser } from "./support/seed.ts";

// Without JavaScript a file this large never reaches the app: API Gateway (and arc sandbox,
// which stops base64 bodies over 6,000,000 characters) refuse it with their own error. With
// JavaScript the page checks the size first; the server's own check is in the integration tests.

test("a file over the 4.5 MB limit is stopped before upload, with the limit in the message", async ({ page }) => {
  test.slow();
  await signedInUser(page, "import-large");
  await page.goto("/tasks/import");

  await page
    .getByLabel("File to import")
    .setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(5_000_000, "a") });
  await page.getByRole("button", { name: "Upload and preview" }).click();

  await expect(page.getByText("The file is 5.0 MB; files must be under 4.5 MB (split it into parts).")).toBeVisible();
  await expect(page.getByLabel("File to import")).toHaveAttribute("aria-invalid", "true");
});
