import { test as base, expect } from "@playwright/test";

export { expect };
export type { Locator, Page } from "@playwright/test";

/**
 * The `test` every spec uses: Playwright's, plus a check that fails the test on any content
 * security policy violation in its browser context (a script without the response's nonce, an
 * inline style or handler, a blocked fetch), so the policy the app sends is exercised by every
 * journey, with and without JavaScript.
 *
 * Two listeners, because neither sees everything: with JavaScript the page's own
 * `securitypolicyviolation` events (exact directive and source); without it no page script
 * runs, but Chromium still reports each violation on the console, which Playwright relays.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      await context.exposeBinding("__reportCspViolation", (_source, violation: string) => {
        violations.push(violation);
      });
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          const report = (window as unknown as { __reportCspViolation?: (text: string) => void }).__reportCspViolation;
          report?.(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`);
        });
      });
      context.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text()))
          violations.push(`${message.text()} (${message.location().url})`);
      });
      await use(violations);
      expect(violations, "content security policy violations").toEqual([]);
    },
    { auto: true },
  ],
});
