import { LIST_ID_PARAMETER as listId, jsonResponseOf, type OpenApiHelpers } from "#src/api/sharing-openapi.ts";

/**
 * The lists part of the OpenAPI document (openapi.ts builds the rest and passes its helpers
 * in): the caller's lists, and one list's name, colour, archive and deletion.
 */

const OWNER_ONLY =
  "The owner only: another member gets 403 (`forbidden`) saying which role it needs; a list the caller cannot see is 404, word for word like a missing one. The Inbox cannot be renamed, archived or deleted (400).";

export function listsPaths({ problemResponses, ref, jsonBody, always }: OpenApiHelpers): Record<string, unknown> {
  const json = jsonResponseOf(ref);
  return {
    "/api/v1/lists": {
      get: {
        operationId: "listLists",
        summary: "The caller's lists",
        description: "Every list the caller belongs to, with their role in it; the Inbox first.",
        responses: { "200": json("The lists.", "ListList"), ...problemResponses(always) },
      },
      post: {
        operationId: "createList",
        summary: "Make a list",
        description: "The caller is its owner and only member. Names are 1 to 60 characters, not “Inbox”.",
        requestBody: jsonBody("ListCreate"),
        responses: {
          "201": json("The list.", "List", {
            Location: { description: "The list's URL.", required: true, schema: { type: "string" } },
          }),
          ...problemResponses([
            "invalid-request",
            "malformed-body",
            "payload-too-large",
            "unsupported-media-type",
            ...always,
          ]),
        },
      },
    },
    "/api/v1/lists/{listId}": {
      get: {
        operationId: "getList",
        summary: "One list",
        parameters: [listId],
        responses: { "200": json("The list.", "List"), ...problemResponses(["not-found", ...always]) },
      },
      patch: {
        operationId: "updateList",
        summary: "Rename, recolour, archive or restore a list",
        description:
          OWNER_ONLY + " An archived list is read-only for everyone: restore it (archived: false) to change it.",
        parameters: [listId],
        requestBody: jsonBody("ListPatch", ["application/json", "application/merge-patch+json"]),
        responses: {
          "200": json("The list as changed.", "List"),
          ...problemResponses([
            "invalid-request",
            "malformed-body",
            "not-found",
            "payload-too-large",
            "unsupported-media-type",
            ...always,
          ]),
        },
      },
      delete: {
        operationId: "deleteList",
        summary: "Delete a list with its tasks",
        description:
          OWNER_ONLY +
          " Gone for every member at once; its owner can bring it back from the pages' Undo for 30 minutes.",
        parameters: [listId],
        responses: {
          "204": { description: "Deleted." },
          ...problemResponses(["invalid-request", "not-found", ...always]),
        },
      },
    },
  };
}
