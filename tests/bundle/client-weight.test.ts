import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "vitest";

// Guards the JavaScript of our own that the signed-in pages load on top of React and the
// Remix client (npm run bench prints the same figure from the pages' HTML). Read from the
// client build: the Remix manifest says which files a route preloads, as <Scripts> renders them.

const clientDir = path.resolve(import.meta.dirname, "../../build/client");

/**
 * 12.5 KiB on /tasks and 7.2 KiB on /board when set (20.9 and 11.6 before the chunk groups,
 * the lazy shortcut keys, server-worded flash messages, the icon file and server-marked search;
 * 13.8 and 8.0 before the component classes and terser); 12.9 and 7.7 since one-click changes
 * keep focus and announce what they did; 13.3 and 7.8 with live updates (the hook that loads
 * the socket client after hydration; the client itself, 0.8 KiB, is not part of the first load);
 * 13.95 and 8.55 with due times and repeats and the bulk button's count (the time and repeat fields, a row's "17:00 · every
 * Monday", overdue by the clock: recurrence-text.ts words a repeat without rrule; the quick-add
 * preview and its parser load on first focus of the title, 30 KiB gzip, never with the page);
 * 14.3 and 8.8 with lists (the navigation's links, the list's words and its
 * read-only notice are worked out on the server; a row names its list in views across lists);
 * 9.5 on /board with its keyboard shortcuts (issue 26: the list's listener, which now sits in
 * the chunk both pages share, so /tasks did not grow; what the keys do and the help still load on use);
 * 12.85 and 8.9 (from 14.3 and 9.45; 13.6 on /tasks with sub-tasks' row progress and tick) with
 * the browser's work moved to the server: quick add's
 * More options are HTML from the loader (app/.server/more-options.ts; the fields' code stays with
 * the task page), due dates, repeats and Upcoming's day headings come worded by the loaders
 * (src/tasks/due-words.ts, with the words once done for a row ticked before the answer), and the
 * build targets the browsers Tailwind 4's stylesheet needs, so `?.` is no longer rewritten;
 * 12.9 on /tasks (12.86 measured) for moving tasks between lists (the fetcher's move and the
 * bylines' line; their markup comes from the loader): still under the decided 13.3 KB; 13.0
 * (12.92 measured) for live reloads that wait for a loading page instead of aborting it (the
 * aborted load had taken the change's one-time message with it); /tasks stays at 13.0 with
 * assignment (12.92 measured: a row's assignee menu is the loader's HTML, the view's status
 * filters and title its words), and 8.95 on /board (8.94 measured, main 8.90) for the main
 * navigation's "Assigned to me" entry and the links that keep it, in the chunks every page loads;
 * /tasks still 13.0 with labels (12.96 measured: a chip is a relative link in the row's markup,
 * the view's links keep ?label= in one loop), 9.0 on /board (8.97 measured) for its sort and
 * page links keeping ?label=.
 */
const OWN_JS_GZIP_CEILING = { "routes/tasks": 13.0 * 1024, "routes/board": 9.0 * 1024 };

interface Manifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
}

function readManifest(): Manifest {
  const file = readdirSync(path.join(clientDir, "assets")).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file) throw new Error("no client build: run npm run build first");
  const source = readFileSync(path.join(clientDir, "assets", file), "utf8");
  return JSON.parse(source.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;
}

/** The files, with everything they import statically. */
function staticClosure(urls: string[]): Set<string> {
  const files = new Set<string>();
  const queue = urls.map((url) => url.replace(/^\/_static\//, ""));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(path.join(clientDir, file), "utf8");
    for (const match of source.matchAll(/(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g))
      queue.push(path.posix.join(path.posix.dirname(file), match[1] as string));
  }
  return files;
}

function gzipSize(files: Iterable<string>): number {
  let total = 0;
  for (const file of files) total += gzipSync(readFileSync(path.join(clientDir, file)), { level: 9 }).length;
  return total;
}

for (const [routeId, ceiling] of Object.entries(OWN_JS_GZIP_CEILING)) {
  test(`our own JavaScript on ${routeId.replace("routes", "")} stays under its gzip ceiling`, () => {
    const manifest = readManifest();
    const runtime = staticClosure([manifest.entry.module]);
    const preloads = [manifest.entry.module, ...manifest.entry.imports];
    for (const id of ["root", routeId]) {
      const route = manifest.routes[id];
      if (!route) throw new Error(`${id} is not in the manifest`);
      preloads.push(...(route.imports ?? []), route.module);
    }
    const ours = [...staticClosure(preloads)].filter((file) => !runtime.has(file));

    expect(ours.length).toBeGreaterThan(0);
    const gzip = gzipSize(ours);
    expect(gzip, `${(gzip / 1024).toFixed(1)} KiB gzip in ${ours.join(", ")}`).toBeLessThanOrEqual(ceiling);
  });
}

/** React and the Remix client: 79.4 KiB minified by terser, 82.7 by Vite's default esbuild. */
const RUNTIME_GZIP_CEILING = 80 * 1024;

test("the runtime (React and the Remix client) stays minified as tightly as terser does it", () => {
  const runtime = staticClosure([readManifest().entry.module]);
  const gzip = gzipSize(runtime);
  expect(gzip, `${(gzip / 1024).toFixed(1)} KiB gzip`).toBeLessThanOrEqual(RUNTIME_GZIP_CEILING);
});

test("the lazily loaded shortcut keys are not part of the task list's first load", () => {
  const manifest = readManifest();
  const route = manifest.routes["routes/tasks"];
  const loaded = [...staticClosure([manifest.entry.module, route?.module ?? ""])];
  expect(loaded.some((file) => file.includes("tasks-ui"))).toBe(true);
  expect(loaded.filter((file) => /keyboard-shortcut-keys|shortcut-list/.test(file))).toEqual([]);
});

test("the quick-add preview and its parser load on first use of the field, not with the task list", () => {
  const manifest = readManifest();
  const route = manifest.routes["routes/tasks"];
  const loaded = [...staticClosure([manifest.entry.module, ...(route?.imports ?? []), route?.module ?? ""])];
  const sources = loaded.map((file) => readFileSync(path.join(clientDir, file), "utf8")).join("\n");
  // The page knows where the preview is (its import() is there) but loads none of it.
  expect(sources).toMatch(/import\("\.\/quick-add-preview-[\w-]+\.js"\)/);
  expect(loaded.filter((file) => file.includes("quick-add"))).toEqual([]);
  expect(sources).not.toContain("DTSTART");
});
