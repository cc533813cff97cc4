import type { LoaderFunctionArgs } from "@remix-run/node";

// GET /tasks/export.csv: every task as a CSV download (app/.server/task-transfer.ts, loaded on use).
export const loader = async (args: LoaderFunctionArgs) =>
  (await import("#app/.server/task-transfer.ts")).exportTasks(args, "csv");
