import { randomUUID } from "node:crypto";
import { type Locator, type Page } from "@playwright/test";

/** Meets the app's rules: at least 10 characters with a letter and a digit. */
export const PASSWORD = "Correct-horse-42";

/** Local Cognito's confirmation and reset codes are always this. */
export const LOCAL_CODE = "123456";

export interface Account {
  email: string;
  password: string;
}

/** A fresh account name per test: tests share one sandbox and never share data. */
export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

/** A real form post to the real app through the page's own cookie jar (what a no-JS browser sends). */
export function postForm(page: Page, path: string, form: Record<string, string>) {
  // Like a browser, say where the post comes from (the app refuses posts that do not).
  const origin = new URL(process.env.E2E_BASE_URL ?? page.url()).origin;
  return page.request.post(path, { form, maxRedirects: 0, headers: { Origin: origin } });
}

/** The task titles listed on the current page, in order. */
export function taskLinks(page: Page): Locator {
  return page.getByRole("list", { name: /tasks$/ }).getByRole("link");
}

export function flash(page: Page): Locator {
  return page.getByRole("status").filter({ has: page.locator("[data-flash]") });
}

/** Fills and submits the "Add a task" form. */
/**
 * Fills and submits the "Add a task" form: the title, and the other fields (behind "More
 * options") only when the test gives them, as a person would.
 */
export async function addTaskViaForm(
  page: Page,
  task: { title: string; description?: string; status?: string; dueDate?: string; priority?: string },
) {
  const form = page.getByRole("region", { name: "Add a task" });
  await form.getByLabel("Title").fill(task.title);
  if (task.description !== undefined || task.status || task.dueDate || task.priority) {
    const more = form.locator("details");
    if ((await more.getAttribute("open")) === null) await form.getByText("More options").click();
    if (task.description !== undefined) await form.getByLabel("Description").fill(task.description);
    if (task.status) await form.getByLabel("Status").selectOption({ label: task.status });
    if (task.dueDate) await form.getByLabel("Due date").fill(task.dueDate);
    if (task.priority) await form.getByLabel("Priority").selectOption({ label: task.priority });
  }
  await form.getByRole("button", { name: "Add task" }).click();
}

/** True when the element would show a visible focus indicator (outline or ring). */
/**
 * The focused element draws a focus indicator of its own: an outline of at least 2 px that is
 * there only while it has focus (a box-shadow would not do: inputs and buttons have one anyway).
 */
export async function hasVisibleFocusIndicator(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const outlined = (target: Element) => {
      const style = getComputedStyle(target);
      return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    };
    if (element !== document.activeElement || !element.matches(":focus-visible") || !outlined(element)) return false;
    // The same element without focus (a clone beside it) must not have that outline.
    const twin = element.cloneNode(true) as Element;
    twin.removeAttribute("id");
    element.parentElement?.insertBefore(twin, element.nextSibling);
    const unfocusedToo = outlined(twin);
    twin.remove();
    return !unfocusedToo;
  });
}
