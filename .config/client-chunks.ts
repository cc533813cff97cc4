import type { GetManualChunk, ManualChunkMeta } from "rollup";

/**
 * How the browser code is split into files. Rollup's default makes a chunk for every set of
 * routes that shares a module: /tasks loaded 15 small files, and gzip, compressing each file
 * alone, could not share the class names they repeat (one file was 5 KB gzip smaller). So:
 * - "runtime": React and the Remix client, kept together (else Rollup pulls them into ours);
 * - "app": what the root layout needs, or both the task list and the board (every hydrated
 *   page loads the root, so this costs no page anything extra);
 * - "tasks-ui": the rest of what the task list needs (the task and account pages share a little).
 * Everything else stays in its route's own chunk, and code behind import() in its own.
 */
const RUNTIME =
  /\/node_modules\/(react|react-dom|scheduler|@remix-run\/[\w-]+|react-router|react-router-dom|turbo-stream)\//;
const ROUTE_FILE = /\/app\/(root|routes\/[^?]+)\.tsx?(\?|$)/;
const OURS = /\/(app|src)\//;

/** The route files (root, routes/tasks, …) whose static imports reach this module. */
function routesReaching(id: string, meta: ManualChunkMeta, seen = new Set<string>()): Set<string> {
  const routes = new Set<string>();
  if (seen.has(id)) return routes;
  seen.add(id);
  const route = ROUTE_FILE.exec(id);
  if (route) return routes.add(route[1] as string);
  for (const importer of meta.getModuleInfo(id)?.importers ?? [])
    for (const found of routesReaching(importer, meta, seen)) routes.add(found);
  return routes;
}

export const clientChunks: GetManualChunk = (id, meta) => {
  if (RUNTIME.test(id)) return "runtime";
  // A route's own code joins its group too, leaving the route's file a two-line facade.
  if (/\/app\/root\.tsx$/.test(id)) return "app";
  if (/\/app\/routes\/tasks\.tsx$/.test(id)) return "tasks-ui";
  if (id.startsWith("\0") || id.includes("/node_modules/") || !OURS.test(id) || ROUTE_FILE.test(id)) return undefined;
  const routes = routesReaching(id, meta);
  if (routes.has("root") || (routes.has("routes/tasks") && routes.has("routes/board"))) return "app";
  if (routes.has("routes/tasks")) return "tasks-ui";
  return undefined;
};
