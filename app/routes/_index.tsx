import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { redirectIfSignedIn } from "#app/.server/auth.ts";

export const meta: MetaFunction = () => [
  { title: "Task Tracker · Keep track of what matters" },
  { name: "description", content: "A simple, fast task tracker: write down tasks, move them along, get them done." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request);
  return null;
}

export default function IndexRoute() {
  return (
    <section className="py-12 text-center sm:py-20">
      <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">Get things done, one task at a time.</h1>
      <p className="mx-auto mt-6 max-w-xl text-lg text-slate-600 dark:text-slate-300">
        Task Tracker keeps your to-dos in one place: write them down, mark what you are working on, and enjoy the
        satisfying click of “done”.
      </p>
      <div className="mt-10 flex justify-center gap-4">
        <Link
          to="/signup"
          className="rounded-md bg-indigo-600 px-5 py-3 text-base font-semibold text-white shadow-sm hover:bg-indigo-500"
        >
          Create a free account
        </Link>
        <Link
          to="/login"
          className="rounded-md px-5 py-3 text-base font-semibold text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100 dark:text-slate-100 dark:ring-slate-600 dark:hover:bg-slate-800"
        >
          Sign in
        </Link>
      </div>
    </section>
  );
}
