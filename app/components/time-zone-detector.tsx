import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";

// Once per signed-in user per page load of the app: a failed post is not retried on every navigation.
const attempted = new Set<string>();

/**
 * Rendered while the signed-in user has no time zone: tells the server the browser's zone. The
 * server stores it only if none is set yet, so it never replaces the user's own choice.
 */
export function TimeZoneDetector({ email }: { email: string }) {
  const fetcher = useFetcher();
  const { submit } = fetcher;
  useEffect(() => {
    if (attempted.has(email)) return;
    attempted.add(email);
    let timeZone: string | undefined;
    try {
      timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return;
    }
    if (timeZone) submit({ intent: "detect-time-zone", timeZone }, { method: "post", action: "/account" });
  }, [email, submit]);
  return null;
}
