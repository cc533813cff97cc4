import { useEffect } from "react";

// Once per signed-in user per page load of the app: a failed post is not retried on every navigation.
const attempted = new Set<string>();

/**
 * Rendered while the signed-in user has no time zone: tells the server the browser's zone. The
 * server stores it only if none is set yet, so it never replaces the user's own choice; pages
 * use it from the next navigation on.
 *
 * A plain fetch to the action's data URL (/account.data), not a fetcher and not the page URL:
 * a fetcher revalidates every loader and a document POST renders the page, and either way the
 * root loader runs and consumes the one-shot flash cookie that the user's own next page was
 * about to show. The data URL runs the action alone and touches no router state.
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
    fetch("/account.data", {
      method: "POST",
      body: new URLSearchParams({ intent: "detect-time-zone", timeZone }),
      keepalive: true,
    }).catch(() => {
      // Offline or refused: the user can still choose a zone on the account page.
    });
  }, [email]);
  return null;
}
