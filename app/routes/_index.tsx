import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { redirectIfSignedIn } from "#app/.server/auth.ts";
import { passRetryAfter } from "#app/.server/route-errors.ts";
import { pageMeta } from "#app/page-meta.ts";
import { STATIC_PAGE } from "#app/page-handle.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

// Plain forms and links: works without any JavaScript, so the browser gets none.
export const handle = STATIC_PAGE;

export const meta: MetaFunction = () =>
  pageMeta(
    "Task Tracker · Keep track of what matters",
    "A simple, fast task tracker: write down tasks, move them along, get them done.",
  );

export async function loader({ request, context }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request, context);
  return null;
}

const FEATURES = [
  { title: "Three simple states", text: "To do, in progress, done. Filter by any of them in one click." },
  { title: "Yours alone", text: "Your tasks are private to your account, on every device you sign in from." },
  { title: "Works everywhere", text: "Fast on any phone or laptop, even with JavaScript switched off." },
];

export default function IndexRoute() {
  return (
    <section className="py-10 text-center sm:py-20">
      <h1 className="text-4xl font-bold tracking-tight text-balance sm:text-6xl">
        Get things done, one task at a time.
      </h1>
      <p className="muted mx-auto mt-6 max-w-xl text-lg">
        Task Tracker keeps your to-dos in one place: write them down, mark what you are working on, and enjoy the
        satisfying click of “done”.
      </p>
      <div className="mt-10 flex flex-col justify-center gap-3 sm:flex-row sm:gap-4">
        <Link
          to="/signup"
          className="rounded-lg bg-indigo-600 px-5 py-3 text-base font-semibold text-white shadow-sm hover:bg-indigo-500"
        >
          Create a free account
        </Link>
        <Link
          to="/login"
          className="rounded-lg bg-white px-5 py-3 text-base font-semibold text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-600 dark:hover:bg-slate-800"
        >
          Sign in
        </Link>
      </div>
      <ul className="mx-auto mt-16 grid max-w-2xl gap-4 text-left sm:grid-cols-3">
        {FEATURES.map((feature) => (
          <li key={feature.title} className="card p-5">
            <p className="font-semibold">{feature.title}</p>
            <p className="muted mt-1 text-sm">{feature.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
