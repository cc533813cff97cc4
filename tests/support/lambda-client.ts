import path from "node:path";
import { pathToFileURL } from "node:url";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { apiGatewayEvent } from "#src/scripts/local/api-gateway-event.ts";

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const BUNDLE = path.resolve(import.meta.dirname, "../../src/http/any-catchall/index.mjs");
let handlerPromise: Promise<Handler> | undefined;

/** The bundle `arc deploy` ships, loaded by Node itself (npm run build makes it). */
export function loadHandler(): Promise<Handler> {
  handlerPromise ??= import(/* @vite-ignore */ pathToFileURL(BUNDLE).href).then(
    (module: { handler: Handler }) => module.handler,
  );
  return handlerPromise;
}

export interface InvokeOptions {
  method?: string;
  headers?: Record<string, string>;
  cookies?: string[];
  form?: Record<string, string>;
  body?: string;
  /** The body is base64, as API Gateway sends binary bodies (e.g. a multipart upload). */
  base64?: boolean;
  /** The address API Gateway saw the request come from (127.0.0.1 unless set). */
  sourceIp?: string;
  /** The path exactly as sent, unresolved (`/api/../tasks`), as a client that does not normalise it sends it. */
  rawPath?: string;
}

export interface LambdaResponse {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: string;
  /** The body with HTML entities decoded, for comparing user text. */
  text: string;
}

export const HOST = "tasks.example.test";

/** An API Gateway HTTP API (payload format 2.0) event, shaped as API Gateway and sandbox send it. */
export function httpEvent(target: string, options: InvokeOptions = {}): APIGatewayProxyEventV2 {
  const url = new URL(target, `https://${HOST}`);
  const method = options.method ?? (options.form || options.body !== undefined ? "POST" : "GET");
  const headers: Record<string, string> = { host: HOST, "user-agent": "vitest", "x-forwarded-proto": "https" };
  let body: string | undefined;
  let isBase64Encoded = false;
  if (options.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = Buffer.from(new URLSearchParams(options.form).toString()).toString("base64");
    isBase64Encoded = true;
  } else if (options.body !== undefined) {
    body = options.body;
    isBase64Encoded = options.base64 ?? false;
  }
  // Like a browser on the app's own page; tests of the CSRF check override or remove it.
  if (!["GET", "HEAD"].includes(method)) headers.origin = `https://${HOST}`;
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === "") delete headers[name.toLowerCase()];
    else headers[name.toLowerCase()] = value;
  }
  const event = apiGatewayEvent({
    method,
    url,
    headers,
    cookies: options.cookies,
    body,
    isBase64Encoded,
    sourceIp: options.sourceIp,
    userAgent: "vitest",
    source: "local",
    requestId: "test",
  });
  if (options.rawPath !== undefined) {
    event.rawPath = options.rawPath;
    event.requestContext.http.path = options.rawPath;
  }
  return event;
}

/** The body as a reader sees it: React's text separators dropped and entities decoded. */
export function decodeEntities(html: string): string {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export async function invoke(target: string, options: InvokeOptions = {}): Promise<LambdaResponse> {
  const handler = await loadHandler();
  const result = await handler(httpEvent(target, options), {} as Context);
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64").toString("utf8") : (result.body ?? "");
  return { status: result.statusCode ?? 200, headers, cookies: result.cookies ?? [], body, text: decodeEntities(body) };
}

export const TEST_PASSWORD = "Correct-horse-42";

/** "session=<value>" from a response's Set-Cookie list, or undefined. */
export function sessionCookieFrom(response: LambdaResponse): string | undefined {
  const header = response.cookies.find((cookie) => cookie.startsWith("session="));
  return header?.split(";")[0];
}

export interface SignedInUser {
  email: string;
  password: string;
  cookie: string;
  invoke(target: string, options?: InvokeOptions): Promise<LambdaResponse>;
}

/** A brand-new account, signed up, confirmed and signed in through the app's own forms. */
export async function newSignedInUser(): Promise<SignedInUser> {
  const email = `user-${crypto.randomUUID()}@example.com`;
  const signUp = await invoke("/signup", { form: { email, password: TEST_PASSWORD } });
  if (signUp.status !== 303) throw new Error(`sign-up failed: ${signUp.status} ${signUp.text.slice(0, 500)}`);
  const confirm = await invoke("/signup/confirm", { form: { intent: "confirm", email, code: "123456" } });
  if (confirm.status !== 303) throw new Error(`confirm failed: ${confirm.status}`);
  return signIn(email, TEST_PASSWORD);
}

export async function signIn(email: string, password: string): Promise<SignedInUser> {
  const login = await invoke("/login", { form: { email, password } });
  const cookie = sessionCookieFrom(login);
  if (login.status !== 303 || !cookie) throw new Error(`sign-in failed: ${login.status}`);
  return {
    email,
    password,
    cookie,
    invoke: (target, options = {}) => invoke(target, { ...options, cookies: [...(options.cookies ?? []), cookie] }),
  };
}
