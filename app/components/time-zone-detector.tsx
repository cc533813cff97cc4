import { useEffect } from "react";

// Once per signed-in user per page load of the app: a failed post is not retried on every navigation.
const attempted = new Set<string>();

/**
 * Rendered while the signed-in user has no time zone: tells the server the browser's zone. The
 * server stores it only if none is set yet, so it never replaces the user's own choice; pages
 * use it from the next navigation on.
 *
 * A plain fetch, not a Remix fetcher: a fetcher's action revalidates the page's loaders, and
 * that revalidation raced the user's first form submission (in the browser tests the "Add
 * task" post was lost). This post touches no router state.
 */
export function TimeZoneDetector({ email }: { email: string }) {
  useEffect(() => {
    if (attempted.has(email)) return;
    attempted.add(email);
    let timeZone: string | undefined;
    try {
      timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return;
    }
    if (!timeZone) return;
    fetch("/account", {
      method: "POST",
      body: new URLSearchParams({ intent: "detect-time-zone", timeZone }),
      keepalive: true,
    }).catch(() => {
      // Offline or refused: the user can still choose a zone on the account page.
    });
  }, [email]);
  return null;
}
