import * as z from "zod/mini";
import { ValidationError, emptyFieldErrors } from "#src/errors.ts";

/** Parse input with a schema, or throw a ValidationError with one message list per field. */
export function parseInput<S extends z.core.$ZodType>(schema: S, input: unknown): z.output<S> {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const fieldErrors = emptyFieldErrors();
  for (const issue of result.error.issues) {
    // A strict object names each field it does not know, so the caller sees which to drop.
    if (issue.code === "unrecognized_keys" && issue.path.length === 0) {
      for (const key of issue.keys) (fieldErrors[key] ??= []).push("Unknown field.");
      continue;
    }
    (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  }
  throw new ValidationError(fieldErrors);
}
