import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/**
 * Keeps the page's data current while it is open: after hydration it loads the live-updates
 * client (app/live-client.ts: the socket, the debounce, focus, reconnects and the small "Live" /
 * "Reconnecting…" note), which follows `lists` and runs the page's loaders again when one of
 * them changed. Without JavaScript (or before hydration) nothing happens. A hook, and this small,
 * because it is part of every signed-in page's first load.
 */
export function useLiveUpdates(lists: string[]): void {
  // Stable across renders (Remix memoises it on the router).
  const { revalidate } = useRevalidator();
  const key = lists.join();

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    if (key)
      void import("#app/live-client.ts").then(({ startLive }) => {
        if (!cancelled) stop = startLive(key.split(","), revalidate);
      });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [key, revalidate]);
}
