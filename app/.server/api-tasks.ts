import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  API_BASE,
  apiRoute,
  jsonResponse,
  methodNotAllowed,
  readIfMatch,
  readJsonObject,
  readQuery,
  requireApiUser,
  taskResponse,
} from "#app/.server/api.ts";
import { problem } from "#app/.server/api-errors.ts";
import { openApiDocument } from "#src/api/openapi.ts";
import { toTaskResource } from "#src/api/task-resource.ts";
import { listsForUser, resolveListAccess } from "#src/lists/list-access.ts";
import { createTaskFromApi, patchTask } from "#src/tasks/task-api-service.ts";
import {
  assignedScope,
  deleteTask,
  everyListScope,
  listScope,
  listTasks as listTasksIn,
  locateTask,
} from "#src/tasks/task-service.ts";

/**
 * The JSON API's handlers, one per operation of the OpenAPI document; each is "authenticate,
 * parse, call the service, map errors". The route modules import this module on their first
 * request, so page requests never load the API's code (and API requests load no React pages).
 */

const LIST_PARAMS = ["list", "assignee", "status", "sort", "due", "q", "label", "cursor", "limit"] as const;
const ITEM_METHODS = ["GET", "HEAD", "PATCH", "DELETE"] as const;

/** GET /api/v1/tasks: one page of the caller's tasks in one list (`list`) or every list, in the same views as the pages. */
export function listTasks({ request }: LoaderFunctionArgs) {
  return apiRoute(async () => {
    const user = await requireApiUser(request);
    const query = readQuery(request, LIST_PARAMS);
    // "Today" for the due views is the user's own, as on the pages (read with the token's check).
    const one = query.list === undefined ? null : await resolveListAccess(user.id, query.list);
    const accesses = one ? [one] : await listsForUser(user);
    const scope =
      query.assignee !== undefined
        ? assignedScope(user.id, query.assignee === "me" ? user.id : query.assignee, accesses)
        : one
          ? listScope(one)
          : everyListScope(user.id, accesses);
    const page = await listTasksIn(scope, query, { timeZone: user.settings.timeZone });
    const next = page.nextCursor ?? null;
    const headers: Record<string, string> = {};
    if (next) {
      const params = new URLSearchParams(
        Object.entries(query).filter(
          (entry): entry is [string, string] => entry[0] !== "cursor" && entry[1] !== undefined,
        ),
      );
      params.append("cursor", next);
      headers.Link = `<${API_BASE}/tasks?${params}>; rel="next"`;
    }
    return jsonResponse({ tasks: page.tasks.map(toTaskResource), next }, { headers });
  });
}

/** POST /api/v1/tasks: 201 with the task; a retry with the same Idempotency-Key gets the same one. */
export function createTask({ request }: ActionFunctionArgs) {
  return apiRoute(async () => {
    if (request.method !== "POST") return methodNotAllowed(request, ["GET", "HEAD", "POST"]);
    const user = await requireApiUser(request);
    const body = await readJsonObject(request);
    const { task, replayed } = await createTaskFromApi(user.id, body, request.headers.get("idempotency-key"), {
      timeZone: user.settings.timeZone,
    });
    return taskResponse(toTaskResource(task), {
      status: 201,
      headers: { Location: `${API_BASE}/tasks/${task.id}`, ...(replayed ? { "Idempotent-Replayed": "true" } : {}) },
    });
  });
}

/** GET /api/v1/tasks/{id}: the task, with its version as the ETag. */
export function getTask({ request, params }: LoaderFunctionArgs) {
  return apiRoute(async () => {
    const user = await requireApiUser(request);
    const { task } = await locateTask(await listsForUser(user), params.taskId ?? "");
    return taskResponse(toTaskResource(task));
  });
}

/** PATCH (only the fields sent) and DELETE; a stale version named by If-Match is a 412, by the body a 409. */
export function changeTask({ request, params }: ActionFunctionArgs) {
  let ifMatch: number | undefined;
  return apiRoute(
    async () => {
      if (request.method !== "PATCH" && request.method !== "DELETE") return methodNotAllowed(request, ITEM_METHODS);
      const user = await requireApiUser(request);
      ifMatch = readIfMatch(request);
      const taskId = params.taskId ?? "";
      const { access } = await locateTask(await listsForUser(user), taskId);
      if (request.method === "DELETE") {
        await deleteTask(access, taskId, ifMatch);
        return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
      }
      const body = await readJsonObject(request, ["application/json", "application/merge-patch+json"]);
      return taskResponse(
        toTaskResource(await patchTask(access, taskId, body, ifMatch, { timeZone: user.settings.timeZone })),
      );
    },
    () => (ifMatch === undefined ? 409 : 412),
  );
}

/** GET /api/v1/openapi.json; anyone may read it. */
export function getOpenApi({ request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed(request, ["GET", "HEAD"]);
  return jsonResponse(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}

/** Any other path under /api: a problem response, never the HTML "page not found". */
export function unknownEndpoint({ request }: LoaderFunctionArgs | ActionFunctionArgs) {
  const { pathname } = new URL(request.url);
  return problem("not-found", `There is no API endpoint at ${pathname}; see ${API_BASE}/openapi.json.`);
}
