import { route, type RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

export default [
  ...(await flatRoutes()),
  // One list's board and task pages are the same modules as the views across lists, with the
  // list in the URL (an Inbox task keeps its URL from before lists, /tasks/<id>).
  route("lists/:listId/board", "routes/board.tsx", { id: "routes/lists.$listId.board" }),
  route("lists/:listId/tasks/:taskId", "routes/tasks_.$taskId.tsx", { id: "routes/lists.$listId.tasks.$taskId" }),
] satisfies RouteConfig;
