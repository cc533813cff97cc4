import type { ActionFunctionArgs } from "@remix-run/node";
import { apiRoute, jsonResponse, methodNotAllowed, readJsonObject, requireApiUser } from "#app/.server/api.ts";
import { loadAccountSettings } from "#src/accounts/settings-service.ts";
import { parseRequestSchema, type ParseResult } from "#src/api/parse-resource.ts";
import { parseQuickAdd } from "#src/tasks/quick-add.ts";
import { isTimeZone } from "#src/tasks/task-dates.ts";
import { parseInput } from "#src/validation.ts";
import { listsForUser } from "#src/lists/list-access.ts";
import { hasRole } from "#src/lists/list.ts";

/**
 * POST /api/v1/parse: what quick add would make of a text, in the caller's time zone, without
 * creating anything, so scripts and the pages share one parser. Loaded on its first request
 * (with the parser and its date library), never with a page.
 */
export function parseText({ request }: ActionFunctionArgs) {
  return apiRoute(async () => {
    if (request.method !== "POST") return methodNotAllowed(request, ["POST"]);
    const user = await requireApiUser(request);
    const { text, keep } = parseInput(parseRequestSchema, await readJsonObject(request));
    // The caller's calendar, as the due views use it (UTC until a time zone is set).
    const { timeZone } = await loadAccountSettings(user.id);
    const zone = timeZone && isTimeZone(timeZone) ? timeZone : "UTC";
    // "#name" names a list the caller may add to (editor or owner, not archived); others stay text.
    const lists = text.includes("#")
      ? (await listsForUser(user))
          .filter((access) => hasRole(access.role, "editor") && !access.list?.archivedAt)
          .map((access) => access.name)
      : [];
    const result: ParseResult = parseQuickAdd(text, { now: new Date(), timeZone: zone, keep, lists });
    return jsonResponse(result);
  });
}
