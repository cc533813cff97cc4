import { data } from "@remix-run/node";

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
