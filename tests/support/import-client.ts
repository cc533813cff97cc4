import { createCookie } from "@remix-run/node";
import { getSession } from "#src/sessions/session-repository.ts";
import { hashSessionId } from "#src/sessions/session-service.ts";
import type { LambdaResponse, SignedInUser } from "#tests/support/lambda-client.ts";

/** The user's Cognito sub (the tasks' owner), from their session, for seeding through services. */
export async function subOf(user: SignedInUser): Promise<string> {
  const cookie = createCookie("session", { secrets: [process.env.APP_SECRET ?? ""] });
  const session = await getSession(hashSessionId((await cookie.parse(user.cookie)) as string));
  if (!session) throw new Error("no session");
  return session.sub;
}

/** A multipart/form-data upload of one file, as a browser sends the import form. */
export function uploadImport(
  user: SignedInUser,
  content: string | Uint8Array,
  fileName = "tasks.csv",
): Promise<LambdaResponse> {
  const boundary = `----vitest${crypto.randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return user.invoke("/tasks/import", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    body: body.toString("base64"),
    base64: true,
  });
}

/** The confirm form's signed token on a preview page. */
export function importTokenOf(preview: LambdaResponse): string {
  const match = /name="token" value="([^"]+)"/.exec(preview.body);
  if (!match?.[1]) throw new Error(`no token in: ${preview.text.slice(0, 300)}`);
  return match[1];
}

export function confirmImport(user: SignedInUser, token: string, again = false): Promise<LambdaResponse> {
  return user.invoke("/tasks/import", { form: { intent: "confirm", token, ...(again ? { again: "yes" } : {}) } });
}
