import { LIST_ID_PARAMETER as listId, jsonResponseOf, type OpenApiHelpers } from "#src/api/sharing-openapi.ts";

/**
 * The labels part of the OpenAPI document (openapi.ts builds the rest and passes its helpers
 * in): a list's labels, and renaming or removing one on every task of the list that carries it.
 */

const labelParameter = {
  name: "label",
  in: "path",
  required: true,
  description: "The label's name, in any case (a leading `@` is allowed), URL-encoded.",
  schema: { type: "string" },
};

const EDITORS =
  "Editors and the owner: a viewer gets 403 (`forbidden`), as does anyone on an archived list; a list the caller cannot see is 404, word for word like a missing one, and so is a label the list does not have.";
const RESUMABLE =
  "Every task of the list carrying the label changes, one conditional write each (no transaction), the progress recorded as it goes: 200 when all are done; 202 with `done: false` when the request ran out of time, and a request that failed half-way (e.g. 503) leaves the label `pending`. Either way, repeat the same request to carry on from where it stopped. Another change of the label under way is a 409 (`change-in-progress`) naming it.";

export function labelsPaths({ problemResponses, ref, jsonBody, always }: OpenApiHelpers): Record<string, unknown> {
  const json = jsonResponseOf(ref);
  const changed = {
    "200": json("Done: every task that carried the label changed.", "LabelChange"),
    "202": json("Not finished yet: repeat the request to carry on.", "LabelChange"),
  };
  return {
    "/api/v1/lists/{listId}/labels": {
      get: {
        operationId: "listLabels",
        summary: "The list's labels",
        description: "Any member may read them; the same labels for every member of a shared list.",
        parameters: [listId],
        responses: { "200": json("The labels, by name.", "LabelList"), ...problemResponses(["not-found", ...always]) },
      },
    },
    "/api/v1/lists/{listId}/labels/{label}": {
      patch: {
        operationId: "renameLabel",
        summary: "Rename a label on every task that carries it",
        description:
          "Renaming to a label the list has already merges the two (the answer's `label` is that label's spelling). " +
          RESUMABLE +
          " " +
          EDITORS,
        parameters: [listId, labelParameter],
        requestBody: jsonBody("LabelRename", ["application/json", "application/merge-patch+json"]),
        responses: {
          ...changed,
          ...problemResponses([
            "invalid-request",
            "malformed-body",
            "not-found",
            "change-in-progress",
            "payload-too-large",
            "unsupported-media-type",
            ...always,
          ]),
        },
      },
      delete: {
        operationId: "removeLabel",
        summary: "Take a label off every task that carries it, and out of the list",
        description: "The tasks stay. " + RESUMABLE + " " + EDITORS,
        parameters: [listId, labelParameter],
        responses: { ...changed, ...problemResponses(["not-found", "change-in-progress", ...always]) },
      },
    },
  };
}
