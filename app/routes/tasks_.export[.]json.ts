import type { LoaderFunctionArgs } from "@remix-run/node";

// GET /tasks/export.json: every task as a JSON download (app/.server/task-transfer.ts, loaded on use).
export const loader = async (args: LoaderFunctionArgs) =>
  (await import("#app/.server/task-transfer.ts")).exportTasks(args, "json");
