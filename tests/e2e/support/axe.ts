import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

/** What the colour scheme can change: the dark pass runs only these, the light pass everything. */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

async function axeViolations(page: Page, rules?: readonly string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const results = await (rules ? builder.withRules([...rules]) : builder.withTags(WCAG_TAGS)).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
        .slice(0, 5)
        .map((node) => `    ${node.target.join(" ")}: ${node.failureSummary?.replaceAll("\n", " ")}`)
        .join("\n")}`,
  );
}

/**
 * axe on the page as the user sees it now: every WCAG rule in the light colour scheme, and
 * the colour rules again in the dark one.
 *
 * With JavaScript disabled axe cannot run in the page (it hangs), so the page's HTML as the
 * browser has it is served again, same URL, to a JavaScript-enabled page under a
 * `script-src 'none'` content security policy: the page's own scripts cannot run, exactly as
 * without JavaScript, while axe is injected through the DevTools protocol.
 */
export async function expectNoAxeViolations(page: Page, testInfo: TestInfo, state: string): Promise<void> {
  // A step of its own, so the report shows what each check costs.
  await test.step(`axe: ${state}`, () => checkWithAxe(page, testInfo, state), { box: true });
}

async function checkWithAxe(page: Page, testInfo: TestInfo, state: string): Promise<void> {
  const javaScriptEnabled = testInfo.project.use.javaScriptEnabled !== false;
  let target = page;
  let cleanup = async () => {};
  if (!javaScriptEnabled) {
    const html = await page.content();
    const url = page.url();
    const browser = page.context().browser();
    if (!browser) throw new Error("no browser");
    const context = await browser.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() });
    target = await context.newPage();
    await target.route(url, (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        headers: { "Content-Security-Policy": "script-src 'none'" },
        body: html,
      }),
    );
    await target.goto(url);
    expect(await target.evaluate(() => typeof (window as { __remixContext?: unknown }).__remixContext)).toBe(
      "undefined",
    );
    cleanup = () => context.close();
  }
  try {
    const found: string[] = [];
    for (const [colorScheme, rules] of [
      ["light", undefined],
      ["dark", COLOUR_RULES],
    ] as const) {
      await target.emulateMedia({ colorScheme });
      for (const violation of await axeViolations(target, rules)) found.push(`[${colorScheme}] ${violation}`);
    }
    await target.emulateMedia({ colorScheme: null });
    expect(found, `axe violations on ${state} (${page.url()})`).toEqual([]);
  } finally {
    await cleanup();
  }
}
