import { expect, type Page } from "./test.ts";

// Live updates in the browser: the notices a page's sockets receive, and "the page was never
// reloaded". The machine running the suite is shared and busy: a page's data can take seconds
// to reload by itself, so a test holds the notice to 2 s (it is sent before the write answers)
// and waits for the page's update as long as any step.

/** Within this long of a write answering, the other page's socket has its notice. */
export const NOTICE_MS = 2_000;

/**
 * Counts the notices about one list that the page's sockets receive (every socket the page
 * opens, reconnects included); call before the page loads.
 */
export function countNotices(page: Page, listId: string): () => number {
  const received: string[] = [];
  page.on("websocket", (socket) => socket.on("framereceived", ({ payload }) => received.push(String(payload))));
  return () =>
    received.filter((payload) => {
      try {
        const message = JSON.parse(payload) as { t?: string; id?: string };
        return message.t === "list" && message.id === listId;
      } catch {
        return false;
      }
    }).length;
}

/** More notices than `before` within NOTICE_MS. */
export async function expectHeard(heard: () => number, before: number): Promise<void> {
  await expect
    .poll(heard, { timeout: NOTICE_MS, message: "a notice within 2 s of the write answering" })
    .toBeGreaterThan(before);
}

/** A mark on the page's window: still there afterwards means the document was never reloaded. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { liveMark?: boolean }).liveMark = true));
}

export async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { liveMark?: boolean }).liveMark === true);
}

/** Opens the page and waits until its socket follows the page's lists. */
export async function openLive(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator(".live-note")).toHaveText("Live");
}
