import * as z from "zod";
import { formatCount } from "#src/format-count.ts";
import { PROBLEM_CONTENT_TYPE, PROBLEMS, problemType, type ProblemName } from "#src/api/problems.ts";
import { taskListResourceSchema, taskResourceSchema } from "#src/api/task-resource.ts";
import { parseRequestSchema, parseResultSchema } from "#src/api/parse-resource.ts";
import { sharingPaths } from "#src/api/sharing-openapi.ts";
import { listsPaths } from "#src/api/lists-openapi.ts";
import { labelsPaths } from "#src/api/labels-openapi.ts";
import {
  labelChangeResourceSchema,
  labelListResourceSchema,
  labelRenameSchema,
  labelResourceSchema,
} from "#src/api/label-resource.ts";
import {
  listCreateSchema,
  listListResourceSchema,
  listPatchSchema,
  listResourceSchema,
} from "#src/api/list-resource.ts";
import {
  acceptedInvitationResourceSchema,
  invitationListResourceSchema,
  invitationResourceSchema,
  inviteRequestSchema,
  memberListResourceSchema,
  memberResourceSchema,
  pendingInvitationListResourceSchema,
  pendingInvitationResourceSchema,
  roleChangeSchema,
} from "#src/api/sharing-resource.ts";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, TASK_STATUSES } from "#src/tasks/task.ts";
import { taskCreateJsonSchema, taskPatchJsonSchema } from "#src/tasks/task-json.ts";
import { DUE_VIEWS, TASK_SORTS } from "#src/tasks/task-constants.ts";
import { SEARCH_EXAMINE_LIMIT, SEARCH_MAX } from "#src/tasks/task-search.ts";

/**
 * The OpenAPI 3.1 document of /api/v1, built from the zod schemas the code validates with
 * (request bodies) and answers with (tasks, problems). Nothing here restates a rule: lengths,
 * enums and formats come from the schemas; statuses and problem types from problems.ts.
 * The tests check every API response they get against this document.
 */

const problemSchema = z
  .object({
    type: z.enum(Object.keys(PROBLEMS).map((name) => problemType(name as ProblemName)) as [string, ...string[]]),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: "What went wrong with this request, in words for a person." }),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "For invalid requests: the messages for each field, parameter or header by name." }),
    current: taskResourceSchema
      .optional()
      .meta({ description: "For version conflicts: the task as it is now, so the caller can merge and retry." }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });

const COMPONENT_SCHEMAS = [
  listResourceSchema,
  listListResourceSchema,
  listCreateSchema,
  listPatchSchema,
  taskResourceSchema,
  taskListResourceSchema,
  taskCreateJsonSchema,
  taskPatchJsonSchema,
  parseRequestSchema,
  parseResultSchema,
  memberResourceSchema,
  memberListResourceSchema,
  roleChangeSchema,
  inviteRequestSchema,
  invitationResourceSchema,
  invitationListResourceSchema,
  pendingInvitationResourceSchema,
  pendingInvitationListResourceSchema,
  acceptedInvitationResourceSchema,
  labelResourceSchema,
  labelListResourceSchema,
  labelRenameSchema,
  labelChangeResourceSchema,
  problemSchema,
];

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const schema of COMPONENT_SCHEMAS) registry.add(schema, { id: String(z.globalRegistry.get(schema)?.id) });
  // Requests are described as they are sent (input), responses have no transforms.
  const { schemas } = z.toJSONSchema(registry, {
    io: "input",
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
  });
  // Components are named by their place in the document, not by $id or $schema of their own.
  for (const schema of Object.values(schemas)) {
    delete (schema as { $schema?: string }).$schema;
    delete (schema as { $id?: string }).$id;
  }
  return schemas;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

type Header = { description: string; required?: boolean; schema: Record<string, unknown> };

const HEADERS = {
  ETag: {
    description: 'The task\'s version as a strong ETag, e.g. "3".',
    required: true,
    schema: { type: "string", pattern: '^"[1-9][0-9]*"$' },
  },
  WWWAuthenticate: {
    description: "The Bearer challenge (RFC 6750).",
    required: true,
    schema: { type: "string", pattern: "^Bearer " },
  },
  RetryAfter: {
    description: "Seconds to wait before retrying.",
    required: true,
    schema: { type: "string", pattern: "^[0-9]+$" },
  },
} satisfies Record<string, Header>;

/** The problem responses of an operation: each status with exactly the problem types it can carry. */
function problemResponses(names: ProblemName[]): Record<string, unknown> {
  const byStatus = new Map<number, ProblemName[]>();
  for (const name of names) byStatus.set(PROBLEMS[name].status, [...(byStatus.get(PROBLEMS[name].status) ?? []), name]);
  const responses: Record<string, unknown> = {};
  for (const [status, group] of byStatus) {
    const headers: Record<string, Header> = {};
    if (status === 401) headers["WWW-Authenticate"] = HEADERS.WWWAuthenticate;
    if (status === 503 || status === 429) headers["Retry-After"] = HEADERS.RetryAfter;
    // A task's version conflict carries the task as it is now; another change under way does not.
    const versioned = group.includes("version-conflict") || group.includes("precondition-failed");
    if (versioned) headers.ETag = { ...HEADERS.ETag, description: "The task's current version." };
    responses[String(status)] = {
      description: group.map((name) => PROBLEMS[name].title).join(" / "),
      ...(Object.keys(headers).length ? { headers } : {}),
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: {
            allOf: [
              ref("Problem"),
              {
                properties: { type: { enum: group.map(problemType) }, status: { const: status } },
                ...(versioned ? { required: ["current"] } : {}),
              },
            ],
          },
        },
      },
    };
  }
  return responses;
}

/** Every call can fail these ways: no valid token, not through CloudFront, over the caller's rate limit, a server fault, an outage. */
const ALWAYS: ProblemName[] = ["unauthorized", "forbidden", "too-many-requests", "server-error", "unavailable"];

const taskIdParameter = {
  name: "id",
  in: "path",
  required: true,
  description: "The task's id.",
  schema: { type: "string" },
};

const ifMatchParameter = (what: string) => ({
  name: "If-Match",
  in: "header",
  required: false,
  description: `${what} only if the task is still at this version (its ETag, e.g. "3"); otherwise 412.`,
  schema: { type: "string" },
});

function jsonBody(schemaId: string, mediaTypes = ["application/json"]) {
  return {
    required: true,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: ref(schemaId) }])),
  };
}

const taskResponse = (description: string, extraHeaders: Record<string, Header> = {}) => ({
  description,
  headers: { ETag: HEADERS.ETag, ...extraHeaders },
  content: { "application/json": { schema: ref("Task") } },
});

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: "3.1.0",
    info: {
      title: "Task Tracker API",
      version: "1.0.0",
      description: [
        "The caller's tasks as JSON, over the same rules as the web app.",
        "Authenticate with a Cognito access token: `Authorization: Bearer <token>` (the README says how to get one).",
        "Errors are `application/problem+json` (RFC 9457); `type` is one of:",
        ...Object.entries(PROBLEMS).map(
          ([name, { status, title }]) => `- \`${problemType(name as ProblemName)}\` (${status}): ${title}`,
        ),
      ].join("\n"),
    },
    security: [{ cognitoAccessToken: [] }],
    paths: {
      "/api/v1/tasks": {
        get: {
          operationId: "listTasks",
          summary: "One page of the caller's tasks",
          parameters: [
            {
              name: "list",
              in: "query",
              description:
                "Only this list's tasks (\"inbox\" or a list's id; a list the caller cannot see is a 404). Without it, every list the caller belongs to but archived ones.",
              schema: { type: "string" },
            },
            {
              name: "assignee",
              in: "query",
              description:
                '"me", or a user id: only the tasks assigned to that user, in every list the caller can read (archived ones aside), or in `list` when given. Sorted open first, then done, each soonest due first; `status` may be not_done or done; `sort` and `due` do not apply.',
              schema: { type: "string", maxLength: 128 },
            },
            {
              name: "status",
              in: "query",
              description: "Only tasks with this status.",
              schema: { type: "string", enum: [...TASK_STATUSES] },
            },
            {
              name: "sort",
              in: "query",
              description: "The order (default newest first).",
              schema: { type: "string", enum: [...TASK_SORTS] },
            },
            {
              name: "due",
              in: "query",
              description:
                "today: not done, overdue or due today; upcoming: not done, due in the next 7 days (the user's time zone). Sorted by due date.",
              schema: { type: "string", enum: [...DUE_VIEWS] },
            },
            {
              name: "q",
              in: "query",
              description: `Only tasks whose title or description has words starting with every word of q, ignoring case and accents ("cafe" finds "Café"). Combines with the other parameters. Each page examines at most ${formatCount(SEARCH_EXAMINE_LIMIT)} tasks, so a page of a search may hold fewer tasks than limit, or none, while next is present.`,
              schema: { type: "string", maxLength: SEARCH_MAX },
            },
            {
              name: "label",
              in: "query",
              description:
                'Only tasks carrying this label (matched without regard to case; a leading "@" is allowed). Combines with the other parameters; across lists it covers the label of that name in each.',
              schema: { type: "string", maxLength: 41 },
            },
            {
              name: "cursor",
              in: "query",
              description: "`next` from the previous page, with the same other parameters.",
              schema: { type: "string" },
            },
            {
              name: "limit",
              in: "query",
              description: "Tasks per page.",
              schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
            },
          ],
          responses: {
            "200": {
              description: "A page of tasks; `next` (and the Link header) lead to the next page.",
              headers: {
                Link: {
                  description: 'The next page: <url>; rel="next". Absent on the last page.',
                  schema: { type: "string" },
                },
              },
              content: { "application/json": { schema: ref("TaskList") } },
            },
            ...problemResponses(["invalid-request", "invalid-cursor", "not-found", ...ALWAYS]),
          },
        },
        post: {
          operationId: "createTask",
          summary: "Create a task",
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description:
                "Any unique string (e.g. a UUID). A retry with the same key and body within 24 hours answers with the first result instead of creating a second task.",
              schema: { type: "string", minLength: 1, maxLength: 255 },
            },
          ],
          requestBody: jsonBody("TaskCreate"),
          responses: {
            "201": taskResponse("The task made (or, for a retried Idempotency-Key, the one made first).", {
              Location: { description: "The task's URL.", required: true, schema: { type: "string" } },
              "Idempotent-Replayed": {
                description: "true when this answers a retry.",
                schema: { type: "string", const: "true" },
              },
            }),
            ...problemResponses([
              "invalid-request",
              "malformed-body",
              "payload-too-large",
              "unsupported-media-type",
              "idempotency-key-reused",
              // A `listId` the caller cannot see: word for word a missing list.
              "not-found",
              ...ALWAYS,
            ]),
          },
        },
      },
      "/api/v1/tasks/{id}": {
        get: {
          operationId: "getTask",
          summary: "One task",
          parameters: [taskIdParameter],
          responses: {
            "200": taskResponse("The task."),
            ...problemResponses(["not-found", ...ALWAYS]),
          },
        },
        patch: {
          operationId: "updateTask",
          summary: "Change some fields of a task",
          description:
            'Only the fields sent change. Say the version it is based on: If-Match: "<version>" (stale: 412) or "version" in the body (stale: 409); neither is a 428.',
          parameters: [taskIdParameter, ifMatchParameter("Change it")],
          requestBody: jsonBody("TaskPatch", ["application/json", "application/merge-patch+json"]),
          responses: {
            "200": taskResponse("The task as changed."),
            ...problemResponses([
              "invalid-request",
              "malformed-body",
              "not-found",
              "version-conflict",
              "precondition-failed",
              "payload-too-large",
              "unsupported-media-type",
              "version-required",
              ...ALWAYS,
            ]),
          },
        },
        delete: {
          operationId: "deleteTask",
          summary: "Delete a task",
          parameters: [taskIdParameter, ifMatchParameter("Delete it")],
          responses: {
            "204": { description: "Deleted." },
            ...problemResponses(["invalid-request", "not-found", "precondition-failed", ...ALWAYS]),
          },
        },
      },
      "/api/v1/parse": {
        post: {
          operationId: "parseText",
          summary: "What quick add would make of a text",
          description:
            'Reads dates ("tomorrow", "fri", "24 dec", "in 3 days"), times ("5pm", "17:30"), priority ("p1" urgent to "p4" low), labels ("@errand"), a list ("#Groceries", lists that exist) and repeats ("every weekday", "every month on the 1st") in the caller\'s time zone. Words in double quotes are never read; a month alone stays text. Creates nothing.',
          requestBody: jsonBody("ParseRequest"),
          responses: {
            "200": {
              description: "The title that is left and what was understood.",
              content: { "application/json": { schema: ref("ParseResult") } },
            },
            ...problemResponses([
              "invalid-request",
              "malformed-body",
              "payload-too-large",
              "unsupported-media-type",
              ...ALWAYS,
            ]),
          },
        },
      },
      ...listsPaths({ problemResponses, ref, jsonBody, always: ALWAYS }),
      ...sharingPaths({ problemResponses, ref, jsonBody, always: ALWAYS }),
      ...labelsPaths({ problemResponses, ref, jsonBody, always: ALWAYS }),
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          summary: "This document",
          security: [],
          responses: {
            "200": {
              description: "The OpenAPI document.",
              content: { "application/json": { schema: { type: "object" } } },
            },
            ...problemResponses(["forbidden", "server-error"]),
          },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        cognitoAccessToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: "A Cognito access token of this app's user pool client (not an ID token).",
        },
      },
    },
  };
  return cached;
}
