import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * Runs `onNavigate` after each navigation (a new location, or the same page again after an
 * action), but not for the page the component first rendered on: hydration must not undo what a
 * person did in the seconds before the script took over (a ticked box, an open menu).
 */
export function useAfterNavigation(onNavigate: () => void): void {
  const { key } = useLocation();
  const seen = useRef(key);
  const latest = useRef(onNavigate);
  latest.current = onNavigate;
  useEffect(() => {
    if (seen.current === key) return;
    seen.current = key;
    latest.current();
  }, [key]);
}
