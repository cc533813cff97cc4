import { data } from "@remix-run/node";
import { passRetryAfter } from "#app/.server/route-errors.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

// Any path no other route claims: a real 404 page through the root error boundary.
export function loader() {
  throw data("Not found", { status: 404 });
}

export function action() {
  throw data("Not found", { status: 404 });
}

export default function NotFoundRoute() {
  return null;
}
