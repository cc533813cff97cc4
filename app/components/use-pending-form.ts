import { useLocation, useNavigation } from "@remix-run/react";

/**
 * True while a form posted to `formAction` (optionally with this `intent`) is being handled:
 * while it submits, and while the page it redirects to loads. Not once its answer is back on
 * this page (an error): then the error shows with the button ready again.
 */
export function usePendingForm(formAction: string, intent?: string): boolean {
  const navigation = useNavigation();
  const location = useLocation();
  if (navigation.state === "idle" || navigation.formMethod?.toUpperCase() !== "POST") return false;
  const action = navigation.formAction?.split("?")[0];
  if (action !== formAction) return false;
  if (intent !== undefined && navigation.formData?.get("intent") !== intent) return false;
  if (navigation.state === "submitting") return true;
  const target = navigation.location;
  return `${target.pathname}${target.search}` !== `${location.pathname}${location.search}`;
}
