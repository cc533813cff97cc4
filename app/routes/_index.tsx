import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [
  { title: "Task Tracker · Keep track of what matters" },
  { name: "description", content: "A simple, fast task tracker: write down tasks, move them along, get them done." },
];

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
          to="/tasks"
          className="rounded-md bg-indigo-600 px-5 py-3 text-base font-semibold text-white shadow-sm hover:bg-indigo-500"
        >
          Open my tasks
        </Link>
      </div>
    </section>
  );
}
