import { createPrivateKey, createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { BASIC } from "@hyperjump/json-schema/experimental";
import { validate } from "@hyperjump/json-schema/openapi-3-1";
import type { Json } from "@hyperjump/json-pointer";
import { expect } from "vitest";
import { createConfirmedUser, newEmail, tokensFor } from "#tests/support/cognito.ts";
import { invoke, TEST_PASSWORD, type InvokeOptions, type LambdaResponse } from "#tests/support/lambda-client.ts";

/**
 * Calls to the JSON API through the built Lambda, each checked against the OpenAPI document
 * the API serves: the status must be documented for that operation, the body must match the
 * documented schema for its content type, and required headers must be there and match. The
 * schemas are checked by @hyperjump/json-schema's OpenAPI 3.1 dialect (a maintained validator),
 * so the document cannot drift from what the code does.
 */

const OPENAPI_PATH = "/api/v1/openapi.json";

interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, ResponseSpec> }>>;
}
interface ResponseSpec {
  content?: Record<string, unknown>;
  headers?: Record<string, { required?: boolean; schema: unknown }>;
}

let loaded: Promise<{ doc: Doc; uri: string }> | undefined;

/** The served document, stored as a file (the validator resolves $refs within it) and checked against OAS 3.1. */
export function openApiDocument(): Promise<{ doc: Doc; uri: string }> {
  loaded ??= (async () => {
    const response = await invoke(OPENAPI_PATH);
    expect(response.status).toBe(200);
    const doc = JSON.parse(response.body) as Doc;
    const valid = await validate("https://spec.openapis.org/oas/3.1/schema-base", doc as unknown as Json, BASIC);
    expect(valid.valid, JSON.stringify(valid.valid ? [] : valid.errors?.slice(0, 5))).toBe(true);
    const dir = path.resolve(import.meta.dirname, "../../.tmp/openapi");
    mkdirSync(dir, { recursive: true });
    // The validator recognises an OpenAPI document by the .openapi.json ending.
    const file = path.join(dir, `api-${process.pid}-${Date.now()}.openapi.json`);
    writeFileSync(file, response.body);
    return { doc, uri: pathToFileURL(file).href };
  })();
  return loaded;
}

/** A JSON Pointer as a URI fragment. */
function pointer(segments: string[]): string {
  return `#/${segments.map((s) => encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/")}`;
}

function templateFor(doc: Doc, pathname: string): string | undefined {
  return Object.keys(doc.paths).find((template) =>
    new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname),
  );
}

async function expectValid(uri: string, where: string[], instance: unknown, what: string) {
  const result = await validate(`${uri}${pointer(where)}`, instance as Json, BASIC);
  const errors = result.valid ? [] : result.errors?.slice(0, 4);
  expect(result.valid, `${what} does not match ${where.join(" › ")}: ${JSON.stringify(errors)}`).toBe(true);
}

/** Fails unless the response is one the document describes for this call. */
export async function expectDocumented(method: string, target: string, response: LambdaResponse): Promise<void> {
  const { doc, uri } = await openApiDocument();
  const pathname = new URL(target, "https://x").pathname;
  const contentType = (response.headers["content-type"] ?? "").split(";")[0]?.trim() ?? "";
  const template = templateFor(doc, pathname);
  const operationName = method === "HEAD" ? "get" : method.toLowerCase();
  const operation = template ? doc.paths[template]?.[operationName] : undefined;
  if (!template || !operation) {
    // No such operation (an unknown path, or a method the path does not have): a problem document.
    expect([404, 405], `${method} ${pathname} is not in the document`).toContain(response.status);
    expect(contentType).toBe("application/problem+json");
    await expectValid(uri, ["components", "schemas", "Problem"], JSON.parse(response.body), "the body");
    return;
  }
  const spec = operation.responses[String(response.status)];
  expect(spec, `${method} ${template} answered ${response.status}, which the document does not list`).toBeDefined();
  const where = ["paths", template, operationName, "responses", String(response.status)];
  if (spec?.content) {
    expect(Object.keys(spec.content), `content type of ${method} ${template} ${response.status}`).toContain(
      contentType,
    );
    if (method !== "HEAD")
      await expectValid(uri, [...where, "content", contentType, "schema"], JSON.parse(response.body), "the body");
  } else {
    expect(response.body).toBe("");
  }
  for (const [name, header] of Object.entries(spec?.headers ?? {})) {
    const value = response.headers[name.toLowerCase()];
    if (header.required) expect(value, `header ${name} of ${method} ${template} ${response.status}`).toBeDefined();
    if (value !== undefined) await expectValid(uri, [...where, "headers", name, "schema"], value, `header ${name}`);
  }
}

export interface ApiOptions {
  token?: string;
  /** Sent as JSON with Content-Type: application/json unless `rawBody` is given. */
  json?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ApiResponse extends LambdaResponse {
  /** The parsed JSON body (undefined when empty). */
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- each test asserts the shape it expects
}

/** One API call through the handler, checked against the document. */
export async function api(method: string, target: string, options: ApiOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const invokeOptions: InvokeOptions = { method, headers };
  if (options.json !== undefined) {
    headers["content-type"] ??= "application/json";
    invokeOptions.body = JSON.stringify(options.json);
  } else if (options.rawBody !== undefined) {
    invokeOptions.body = options.rawBody;
  }
  const response = await invoke(target, invokeOptions);
  await expectDocumented(method, target, response);
  return { ...response, data: response.body ? JSON.parse(response.body) : undefined };
}

// ---- Tokens that must be refused ----------------------------------------------------------

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split(".");
  return {
    header: JSON.parse(Buffer.from(header ?? "", "base64url").toString()) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>,
  };
}

export function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = createSign("RSA-SHA256").update(input).sign(key);
  return `${input}.${base64url(signature)}`;
}

/** The local Cognito emulator's own signing key (public knowledge, in its package). */
export function emulatorSigningKey(): KeyObject {
  const file = path.resolve(import.meta.dirname, "../../node_modules/cognito-local/lib/keys/cognitoLocal.private.json");
  const { jwk } = JSON.parse(readFileSync(file, "utf8")) as { jwk: Record<string, string> };
  return createPrivateKey({ key: jwk, format: "jwk" });
}

export function strangerSigningKey(): KeyObject {
  return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
}

export function unsignedJwt(payload: Record<string, unknown>): string {
  return `${base64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${base64url(JSON.stringify(payload))}.`;
}

/** Someone calling the API: a confirmed account in the Cognito emulator and its tokens. */
export interface ApiCaller {
  sub: string;
  email: string;
  /** The access token, as the API's Authorization header carries it. */
  token: string;
  idToken: string;
}

/** A new confirmed account, signed in: its `sub`, email and tokens. */
export async function newApiCaller(): Promise<ApiCaller> {
  const email = newEmail();
  await createConfirmedUser(email, TEST_PASSWORD);
  const { accessToken, idToken } = await tokensFor(email, TEST_PASSWORD);
  return { sub: String(decodeJwt(accessToken).payload.sub), email, token: accessToken, idToken };
}

/** A problem response (RFC 9457) of this status and `urn:task-tracker:problem:<name>` type. */
export function expectProblemType(response: ApiResponse, status: number, name: string): void {
  expect(response.status, response.body).toBe(status);
  expect(response.data.type).toBe(`urn:task-tracker:problem:${name}`);
}
