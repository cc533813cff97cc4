import * as z from "zod";
import type { LabelChangeResult, LabelEntry } from "#src/tasks/label-service.ts";

/**
 * A list's labels as the JSON API shows them (/api/v1/lists/{listId}/labels), and what a rename
 * or removal answers. The bodies are checked by the API's handler and the label service; these
 * schemas describe them for the OpenAPI document.
 */

export const labelResourceSchema = z
  .strictObject({
    name: z.string().meta({ description: "As the list first spelled it; matched without regard to case." }),
    pending: z
      .union([
        z.strictObject({ action: z.literal("rename"), to: z.string() }),
        z.strictObject({ action: z.literal("remove") }),
      ])
      .nullable()
      .meta({
        description:
          "A rename or removal that stopped part-way (null when none): repeat it (the same PATCH or DELETE) to finish it.",
      }),
  })
  .meta({ id: "Label" });
export type LabelResource = z.output<typeof labelResourceSchema>;

export const labelListResourceSchema = z
  .strictObject({ labels: z.array(labelResourceSchema).meta({ description: "By name, at most 200." }) })
  .meta({ id: "LabelList" });

export const labelRenameSchema = z
  .strictObject({
    name: z.string().meta({
      description:
        "The new name: 1 to 40 letters, digits, “-” or “_” (a leading “@” is dropped). A name the list has already merges the two labels.",
    }),
  })
  .meta({ id: "LabelRename" });

export const labelChangeResourceSchema = z
  .strictObject({
    done: z.boolean().meta({
      description:
        "False (with status 202) when the request ran out of time first: repeat the same request to carry on from where it stopped.",
    }),
    changed: z.number().int().min(0).meta({ description: "Tasks this request changed." }),
    label: z
      .string()
      .nullable()
      .meta({ description: "The label's name after the change, as the list spells it; null for a removal." }),
  })
  .meta({ id: "LabelChange" });
export type LabelChangeResource = z.output<typeof labelChangeResourceSchema>;

export function toLabelResource(entry: LabelEntry): LabelResource {
  return {
    name: entry.name,
    pending: entry.change
      ? entry.change.to === undefined
        ? { action: "remove" }
        : { action: "rename", to: entry.change.to }
      : null,
  };
}

export function toLabelChangeResource(result: LabelChangeResult, label: string | null): LabelChangeResource {
  return { done: result.done, changed: result.changed, label };
}
