import { data } from "@remix-run/node";

/**
 * Reads a submitted form as plain strings. Anything that is not a form (JSON, garbage, a
 * missing content type) is a 400, not a crash; file fields are ignored.
 */
export async function readForm(request: Request): Promise<Record<string, string>> {
  const formData = await readFormData(request);
  // No prototype: a field named `constructor` or `__proto__` is a field, not Object's own.
  const values = Object.create(null) as Record<string, string>;
  for (const [name, value] of formData) {
    if (typeof value === "string" && !Object.hasOwn(values, name)) values[name] = value;
  }
  return values;
}

/** The submitted form with repeated fields (e.g. the `ids` of a bulk action); 400 if it is not one. */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data("Expected a form submission.", { status: 400 });
  }
}

/** Every string value of a repeated field. */
export function allStrings(formData: FormData, name: string): string[] {
  return formData.getAll(name).filter((value): value is string => typeof value === "string");
}

export function pick<K extends string>(values: Record<string, string>, keys: readonly K[]): Partial<Record<K, string>> {
  const picked: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = values[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}

/**
 * Where to send the user after a change made from a list or the board: the page they were on,
 * if it is one of ours (a local /tasks or /board URL), else the fallback. Never another site.
 */
export function safeReturnTo(value: string | undefined, fallback = "/tasks"): string {
  // Checked as given and again as resolved: "/tasks/..//evil.example" resolves to a path that
  // a browser reads as another host.
  // A list's own pages too (/lists/<id>, its board): changes made there come back there.
  const ours = (path: string) => /^\/(tasks|board|lists\/[\w-]+)(?=$|[/?])/.test(path);
  if (!value || value.length > 2048 || value.includes("\\") || !ours(value)) return fallback;
  try {
    const url = new URL(value, "http://app.invalid");
    const resolved = `${url.pathname}${url.search}`;
    return url.origin === "http://app.invalid" && ours(resolved) ? resolved : fallback;
  } catch {
    return fallback;
  }
}
