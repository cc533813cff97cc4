import * as z from "zod";
import type { ListAccess } from "#src/lists/list-access.ts";
import { LIST_COLORS, LIST_NAME_MAX, LIST_ROLES } from "#src/lists/list.ts";

/**
 * Lists as the JSON API shows them (/api/v1/lists). Request bodies are validated by the list
 * service (list-service.ts); these schemas describe them for the OpenAPI document.
 */

export const listResourceSchema = z
  .strictObject({
    id: z.string().meta({ description: 'The list\'s id: "inbox" for the caller\'s Inbox, else "l_…".' }),
    name: z.string(),
    color: z.enum(LIST_COLORS),
    role: z.enum(LIST_ROLES).meta({ description: "The caller's role in the list." }),
    shared: z.boolean().meta({ description: "True when it has more than one member." }),
    archived: z.boolean().meta({ description: "Hidden from the views across lists and read-only until restored." }),
    inbox: z.boolean().meta({ description: "The caller's Inbox: always there, never shared, renamed or deleted." }),
  })
  .meta({ id: "List" });
export type ListResource = z.output<typeof listResourceSchema>;

export const listListResourceSchema = z
  .strictObject({ lists: z.array(listResourceSchema).meta({ description: "The Inbox first, then by creation." }) })
  .meta({ id: "ListList" });

export const listCreateSchema = z
  .strictObject({
    name: z.string().max(LIST_NAME_MAX),
    color: z.enum(LIST_COLORS).optional().meta({ description: "grey unless given." }),
  })
  .meta({ id: "ListCreate" });

export const listPatchSchema = z
  .strictObject({
    name: z.string().max(LIST_NAME_MAX).optional(),
    color: z.enum(LIST_COLORS).optional(),
    archived: z.boolean().optional().meta({ description: "true archives the list, false restores it." }),
  })
  .meta({ id: "ListPatch" });

export function toListResource(access: ListAccess): ListResource {
  const list = access.list;
  if (!list) {
    return {
      id: "inbox",
      name: access.name,
      color: "grey",
      role: "owner",
      shared: false,
      archived: false,
      inbox: true,
    };
  }
  return {
    id: list.id,
    name: list.name,
    color: list.color,
    role: access.role,
    shared: Object.keys(list.members).length > 1,
    archived: Boolean(list.archivedAt),
    inbox: false,
  };
}
