// `npm run screenshot`: the README's pictures of the task list, taken from the real app (the
// production build under arc sandbox, signed in as the local demo user) in Debian's Chromium.
// Writes .github/screenshot-tasks{,-dark}.png, plus review shots of other pages and sizes in
// .tmp/screenshots/ for a human to look over. SCREENSHOTS=search,tasks takes only the review
// shots with those names (and leaves the README's pictures alone).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { ensureBuild } from "#src/scripts/local/ensure-build.ts";
import { startLocalStack } from "#src/scripts/local/local-stack.ts";
import {
  DEMO_ACCOUNT,
  browserCookie,
  createList,
  createTask,
  signIn,
  signUp,
} from "#src/scripts/local/local-client.ts";
import { assertChromiumInstalled, chromiumLaunchOptions } from "#src/scripts/local/chromium.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const readmeDir = path.join(root, ".github");
const reviewDir = path.join(root, ".tmp/screenshots");

/** A date `days` from today (UTC, the demo user's zone), as a date input sends it. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const SAMPLE_TASKS = [
  {
    title: "Book flights for the team offsite @travel #Offsite",
    status: "todo",
    description: "Compare two airlines; keep it under budget.",
    priority: "high",
    dueDate: inDays(3),
  },
  {
    title: "Review Priya's pull request on billing @code-review",
    status: "in_progress",
    description: "",
    priority: "urgent",
    dueDate: inDays(0),
  },
  {
    title: "Write release notes for 2.4",
    status: "in_progress",
    description: "Highlight the new export feature.",
    priority: "medium",
    dueDate: inDays(1),
  },
  { title: "Renew the TLS certificate", status: "done", description: "", priority: "high", dueDate: inDays(-2) },
  {
    title: "Plan the Q3 roadmap workshop #Offsite",
    status: "todo",
    description: "",
    priority: "low",
    dueDate: inDays(12),
  },
  // Quick add reads the repeat and the label from the title, as it does when typed.
  { title: "Water the office plants every Monday @office", status: "todo", description: "", priority: "none" },
  { title: "Fix flaky checkout test", status: "done", description: "", priority: "none" },
] as const;

interface Shot {
  path: string;
  file: string;
  width: number;
  height: number;
  dark: boolean;
  fullPage?: boolean;
  /** Puts the page into the state to show (fill a form, open a disclosure…). */
  prepare?: (page: Page) => Promise<void>;
}

async function shoot(browser: Browser, baseUrl: string, cookie: string, shot: Shot) {
  const context = await browser.newContext({
    viewport: { width: shot.width, height: shot.height },
    deviceScaleFactor: 2,
    colorScheme: shot.dark ? "dark" : "light",
  });
  if (cookie) await context.addCookies([browserCookie(cookie, baseUrl)]);
  const page = await context.newPage();
  const failures: string[] = [];
  page.on("response", (response) => {
    const asset = ["stylesheet", "script", "image", "font"].includes(response.request().resourceType());
    if (asset && response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`${baseUrl}${shot.path}`);
  await shot.prepare?.(page);
  // A half-styled picture is worse than none (e.g. a rebuild replaced the assets mid-run).
  if (failures.length) throw new Error(`Assets failed to load for ${shot.path}: ${failures.join(", ")}`);
  await page.screenshot({ path: shot.file, fullPage: shot.fullPage ?? false, animations: "disabled" });
  await context.close();
}

assertChromiumInstalled();
ensureBuild();
mkdirSync(readmeDir, { recursive: true });
mkdirSync(reviewDir, { recursive: true });
const stack = await startLocalStack({ quiet: true });
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const baseUrl = `http://127.0.0.1:${stack.ports.http}`;
  const cookie = await signIn(baseUrl, DEMO_ACCOUNT);
  // A second list, so the picture shows lists as they are used ("#Offsite" in a title puts a task there).
  await createList(baseUrl, cookie, { name: "Offsite", color: "green" });
  // Oldest first, so the list (newest first) opens with the first one.
  for (const task of [...SAMPLE_TASKS].reverse()) await createTask(baseUrl, cookie, task);
  const newcomer = { email: `newcomer-${Date.now()}@example.com`, password: "NewcomerPassword1" };
  await signUp(baseUrl, newcomer);
  const newcomerCookie = await signIn(baseUrl, newcomer);
  const openFirstTask = async (page: Page) => {
    await page.locator("li[data-task-id] h3 a").first().click();
    await page.getByRole("heading", { level: 1 }).waitFor();
  };

  const only = process.env.SCREENSHOTS?.split(",").filter(Boolean);
  for (const dark of [false, true]) {
    const suffix = dark ? "-dark" : "";
    if (!only)
      await shoot(browser, baseUrl, cookie, {
        path: "/tasks",
        file: path.join(readmeDir, `screenshot-tasks${suffix}.png`),
        width: 1024,
        height: 900,
        dark,
        fullPage: true,
      });
    const reviews: [string, string, string, Shot["prepare"]?][] = [
      ["landing", "/", ""],
      ["login", "/login", ""],
      [
        "login-error",
        "/login",
        "",
        async (page) => {
          await page.getByLabel("Email").fill("demo@example.com");
          await page.getByLabel("Password").fill("not-the-password1");
          await page.getByRole("button", { name: "Sign in" }).click();
          await page.getByRole("alert").waitFor();
        },
      ],
      ["signup", "/signup", ""],
      ["tasks", "/tasks", cookie],
      ["tasks-empty", "/tasks", newcomerCookie],
      ["tasks-filtered-empty", "/tasks?status=done", newcomerCookie],
      [
        "tasks-form-error",
        "/tasks",
        cookie,
        async (page) => {
          await page.getByText("More options").click();
          await page.getByLabel("Description").fill("No title given");
          await page.getByRole("button", { name: "Add task" }).click();
          await page.getByRole("alert").waitFor();
        },
      ],
      [
        "task",
        "/tasks",
        cookie,
        async (page) => {
          await openFirstTask(page);
          await page.getByText("Delete this task…").click();
        },
      ],
      [
        "task-updated",
        "/tasks",
        cookie,
        async (page) => {
          await openFirstTask(page);
          await page.getByRole("button", { name: "Save changes" }).click();
          await page.locator("[data-flash]").waitFor();
        },
      ],
      ["today", "/tasks?due=today", cookie],
      ["search", "/tasks?q=team%20fli", cookie],
      ["search-empty", "/tasks?q=nothing%20like%20this&status=done", cookie],
      ["search-upcoming", "/tasks?due=upcoming&q=plan", cookie],
      ["board", "/board", cookie],
      ["account", "/account", cookie],
      ["not-found", "/nowhere", cookie],
    ];
    for (const [name, pagePath, who, prepare] of reviews) {
      if (only && !only.includes(name)) continue;
      for (const width of [320, 1280]) {
        await shoot(browser, baseUrl, who, {
          path: pagePath,
          file: path.join(reviewDir, `${name}-${width}${suffix}.png`),
          width,
          height: 800,
          dark,
          fullPage: true,
          prepare,
        });
      }
    }
  }
  console.log(`Screenshots written to ${path.relative(root, readmeDir)}/ and ${path.relative(root, reviewDir)}/`);
} finally {
  await browser.close();
  await stack.stop();
}
