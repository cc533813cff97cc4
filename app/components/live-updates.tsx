import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * Keeps the page's data current while it is open: after hydration it loads the live-updates
 * client (app/live-client.ts: the socket, the debounce, focus, reconnects and the small "Live" /
 * "Reconnecting…" note), which follows `lists` and runs the page's loaders again when one of
 * them changed. Without JavaScript (or before hydration) nothing happens. A hook, and this small,
 * because it is part of every signed-in page's first load.
 *
 * The socket's first subscription says how long ago the page's data began loading: a change
 * made since then, before the page followed its lists, is answered with a reload.
 *
 * A reload never interrupts a navigation: one asked for while a page is loading (most often
 * the notice of the user's own change, heard while its redirect loads) waits until the page
 * is idle. Remix would otherwise abort the redirect's loaders, whose request had already read
 * and cleared the one-time flash cookie, and run them again without the root: the change's
 * message was lost and the previous one stayed on the page.
 */
export function useLiveUpdates(lists: string[]): void {
  // Stable across renders (Remix memoises it on the router).
  const { revalidate } = useRevalidator();
  const idle = useNavigation().state === "idle";
  // One object for the page's life (the ref's own); `at`: when the page's data began loading
  // (performance.now(); none yet: the document's start).
  const page = useRef<{ idle: boolean; waiting?: boolean; at?: number }>({ idle }).current;
  const key = lists.join();

  useEffect(() => {
    page.idle = idle;
    if (!idle) page.at = performance.now();
    else if (page.waiting) {
      page.waiting = false;
      revalidate();
    }
  }, [idle, revalidate]);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    const reload = () => (page.idle ? revalidate() : (page.waiting = true));
    if (key)
      void import("#app/live-client.ts").then(({ startLive }) => {
        if (!cancelled) stop = startLive(key.split(","), reload, page);
      });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [key, revalidate]);
}
