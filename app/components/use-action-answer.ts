import type { SerializeFrom } from "@remix-run/node";
import { useActionData, useLocation } from "@remix-run/react";
import { useRef } from "react";

/**
 * The answer of this page's last submission (its errors, a conflict), kept until the page
 * moves to another location. React Router forgets action data on every reload of the page's
 * data, and a live update (a change elsewhere, focus) reloads it without a navigation: the
 * refusal the user is reading and the form it filled (a conflict's merge, the version to save
 * against) would go from under them. A navigation, including a save that went through and
 * redirected, starts afresh. The same object comes back while it is kept, so effects keyed by
 * it (focus on the first error) run once per answer.
 */
export function useActionAnswer<T = unknown>(): SerializeFrom<T> | undefined {
  const answer = useActionData<T>();
  const { key } = useLocation();
  // [location, answer]: a pair, not an object, for bytes (part of /tasks's first load).
  const kept = useRef<[string, typeof answer]>();
  if (answer || kept.current?.[0] !== key) kept.current = [key, answer];
  return kept.current[1];
}
