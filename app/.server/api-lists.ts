import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  API_BASE,
  apiRoute,
  jsonResponse,
  methodNotAllowed,
  readJsonObject,
  requireApiUser,
} from "#app/.server/api.ts";
import { toListResource } from "#src/api/list-resource.ts";
import { readVerifiedEmail } from "#src/auth/cognito.ts";
import { ValidationError } from "#src/errors.ts";
import { listsForUser, resolveListAccess } from "#src/lists/list-access.ts";
import { createList, deleteList, setListArchived, updateList } from "#src/lists/list-service.ts";

/**
 * The JSON API's lists: the caller's lists, and one list's name, colour, archive and deletion.
 * Each handler is "authenticate, resolve the list's access once, call the list service, map
 * errors"; a list the caller cannot see is a 404 like a missing one.
 */

const ITEM_METHODS = ["GET", "HEAD", "PATCH", "DELETE"];

/** GET /api/v1/lists: every list the caller belongs to, the Inbox first. */
export function getLists({ request }: LoaderFunctionArgs) {
  return apiRoute(async () => {
    const user = await requireApiUser(request);
    return jsonResponse({ lists: (await listsForUser(user)).map(toListResource) });
  });
}

/** POST /api/v1/lists { name, color? } → 201: a new list, the caller its owner. */
export function postList({ request }: ActionFunctionArgs) {
  return apiRoute(async () => {
    if (request.method !== "POST") return methodNotAllowed(request, ["GET", "HEAD", "POST"]);
    const user = await requireApiUser(request);
    const body = await readJsonObject(request);
    // The owner's email goes with their membership (the Share page lists it); an access token
    // carries none, so it is read from Cognito with the same token.
    const token = /^Bearer +(\S+)/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
    const list = await createList({ id: user.id, email: (await readVerifiedEmail(token)) ?? "" }, body);
    const access = await resolveListAccess(user.id, list.id);
    return jsonResponse(toListResource(access), {
      status: 201,
      headers: { Location: `${API_BASE}/lists/${list.id}` },
    });
  });
}

/** GET /api/v1/lists/{listId} */
export function getList({ request, params }: LoaderFunctionArgs) {
  return apiRoute(async () => {
    const user = await requireApiUser(request);
    return jsonResponse(toListResource(await resolveListAccess(user.id, params.listId ?? "")));
  });
}

/** PATCH (name, colour, archived) and DELETE (with its tasks; restorable from the pages for 30 minutes). */
export function changeList({ request, params }: ActionFunctionArgs) {
  return apiRoute(async () => {
    if (request.method !== "PATCH" && request.method !== "DELETE") return methodNotAllowed(request, ITEM_METHODS);
    const user = await requireApiUser(request);
    const access = await resolveListAccess(user.id, params.listId ?? "");
    if (request.method === "DELETE") {
      await deleteList(access);
      return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
    }
    const body = await readJsonObject(request, ["application/json", "application/merge-patch+json"]);
    const { archived, ...details } = body as { archived?: unknown; name?: unknown; color?: unknown };
    if (archived !== undefined && typeof archived !== "boolean")
      throw new ValidationError({ archived: ["archived is true or false."] });
    // Restore first, so a restored list can be renamed in the same request; archive last.
    if (archived === false) await setListArchived(access, false);
    const current = archived === false ? await resolveListAccess(user.id, access.listId) : access;
    if (Object.keys(details).length > 0) await updateList(current, details);
    if (archived === true) await setListArchived(current, true);
    return jsonResponse(toListResource(await resolveListAccess(user.id, access.listId)));
  });
}
