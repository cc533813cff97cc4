import { useEffect } from "react";

/**
 * The `name` every dropdown menu's <details> carries (account, sort, a row's status and
 * priority): browsers keep one <details> of a name open, so opening a menu closes the others,
 * without JavaScript too.
 */
export const MENU_NAME = "menu";

/**
 * With JavaScript, the page's open menu also closes on Escape (focus going back to its button
 * if it was inside) and on a press anywhere outside it. Listening all the time (not only once a
 * menu is open) leaves no gap between opening and listening.
 */
export function useClosingMenus(): void {
  useEffect(() => {
    const close = (event: Event) => {
      const escape = event instanceof KeyboardEvent;
      if (escape && event.key !== "Escape") return;
      for (const menu of document.querySelectorAll<HTMLDetailsElement>(`details[name="${MENU_NAME}"][open]`)) {
        if (!escape && event.target instanceof Node && menu.contains(event.target)) continue;
        const focused = menu.contains(document.activeElement);
        menu.open = false;
        if (escape && focused) menu.querySelector("summary")?.focus();
      }
    };
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
    };
  }, []);
}
