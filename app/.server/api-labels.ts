import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiRoute, jsonResponse, methodNotAllowed, readJsonObject, requireApiUser } from "#app/.server/api.ts";
import { toLabelChangeResource, toLabelResource } from "#src/api/label-resource.ts";
import { ValidationError } from "#src/errors.ts";
import { resolveListAccess } from "#src/lists/list-access.ts";
import { listLabelsOf, removeLabel, renameLabel, type LabelChangeResult } from "#src/tasks/label-service.ts";

/**
 * The JSON API's labels of a list: read them (any member), rename or remove one on every task
 * that carries it (editors and the owner), over the label service the Labels page calls. A
 * change that runs out of time answers 202 with `done: false`; the same request carries it on.
 */

/** GET /api/v1/lists/{listId}/labels */
export function getLabels({ request, params }: LoaderFunctionArgs) {
  return apiRoute(async () => {
    const user = await requireApiUser(request);
    const access = await resolveListAccess(user.id, params.listId ?? "");
    return jsonResponse({ labels: (await listLabelsOf(access)).map(toLabelResource) });
  });
}

export function labelsNotWritable({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request, ["GET", "HEAD"]);
}

/** The one label's URL answers no GET (the collection lists them). */
export function labelNotReadable({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(request, ["PATCH", "DELETE"]);
}

/** The new name from a rename's body: `{ "name": "…" }` and nothing else. */
function renameTo(body: unknown): string {
  const { name, ...rest } = body as { name?: unknown };
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    throw new ValidationError(
      Object.fromEntries(unknown.map((field) => [field, ["Not a field of a rename: send only name."]])),
    );
  if (typeof name !== "string")
    throw new ValidationError({ name: ["name is required: the label's new name, as a string."] });
  return name;
}

function changed(result: LabelChangeResult, label: string | null): Response {
  return jsonResponse(toLabelChangeResource(result, label), { status: result.done ? 200 : 202 });
}

/** PATCH /api/v1/lists/{listId}/labels/{label} { name } renames it; DELETE takes it off every task. */
export function changeLabel({ request, params }: ActionFunctionArgs) {
  return apiRoute(async () => {
    if (request.method !== "PATCH" && request.method !== "DELETE")
      return methodNotAllowed(request, ["PATCH", "DELETE"]);
    const user = await requireApiUser(request);
    const access = await resolveListAccess(user.id, params.listId ?? "");
    const label = params.label ?? "";
    if (request.method === "DELETE") return changed(await removeLabel(access, label, { onlyThis: true }), null);
    const name = renameTo(await readJsonObject(request, ["application/json", "application/merge-patch+json"]));
    const result = await renameLabel(access, label, name, { onlyThis: true });
    return changed(result, result.to ?? name);
  });
}
