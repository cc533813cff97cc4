// Shared by the e2e suite and the screenshot and Lighthouse scripts.
import { existsSync } from "node:fs";
import type { LaunchOptions } from "@playwright/test";

/**
 * Debian's Chromium, not a Playwright download (the registry is unreachable here).
 * CHROMIUM_PATH points elsewhere if needed.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Without the background-networking flags, Chromium as root in a container has its
// connections refused en masse; --no-sandbox is needed as root.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumLaunchOptions(): LaunchOptions {
  return { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS };
}

export function assertChromiumInstalled(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  throw new Error(
    [
      `No Chromium at ${CHROMIUM_PATH}: the browser tests need one (Playwright cannot download its own here).`,
      "Install Debian's:  apt-get install -y --no-install-recommends chromium",
      "or point CHROMIUM_PATH at another Chromium or Chrome binary.",
    ].join("\n"),
  );
}
