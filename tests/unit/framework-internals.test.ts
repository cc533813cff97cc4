import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, test } from "vitest";

// The handler reaches past three frameworks' public entry points (each for cold-start bytes or
// a function the package does not export). An upgrade that moves one of them must fail here,
// saying what moved and where we use it, not as a broken build or a 500 in production.

const root = path.resolve(import.meta.dirname, "../..");
const require = createRequire(path.join(root, "package.json"));

test("@remix-run/architect still has createRemixRequest in dist/server.js and isBinaryType in dist/binaryTypes.js", async () => {
  const server = (await import("@remix-run/architect/dist/server.js")) as Record<string, unknown>;
  expect(
    typeof server.createRemixRequest,
    "@remix-run/architect no longer exports createRemixRequest from dist/server.js: " +
      "src/http/any-catchall/lambda.ts imports it there (and src/http/remix-architect.d.ts types it); find its new place",
  ).toBe("function");
  const binaryTypes = (await import("@remix-run/architect/dist/binaryTypes.js")) as Record<string, unknown>;
  expect(
    typeof binaryTypes.isBinaryType,
    "@remix-run/architect no longer exports isBinaryType from dist/binaryTypes.js: src/http/lambda-response.ts imports it there",
  ).toBe("function");

  // And it still turns an API Gateway v2 event into the Request our handler expects.
  const createRemixRequest = server.createRemixRequest as (event: unknown) => Request;
  const request = createRemixRequest({
    version: "2.0",
    routeKey: "$default",
    rawPath: "/tasks",
    rawQueryString: "status=done",
    cookies: ["a=1"],
    headers: { host: "example.com", "x-forwarded-proto": "https" },
    requestContext: { http: { method: "GET", path: "/tasks" } },
    isBase64Encoded: false,
  });
  expect(request.url, "createRemixRequest changed how it builds the URL from the event").toBe(
    "https://example.com/tasks?status=done",
  );
  expect(request.headers.get("cookie"), "createRemixRequest no longer joins the event's cookies").toBe("a=1");
});

/** The value names app/ and src/ import from "@remix-run/node" (types are erased). */
function valuesImportedFromRemixNode(): Set<string> {
  const names = new Set<string>();
  const files = ["app", "src"].flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file) && !file.endsWith(".d.ts"))
      .map((file) => path.join(root, folder, file)),
  );
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@remix-run\/node"/g)) {
      for (const part of (match[1] ?? "").split(",")) {
        const name = part.trim();
        if (name && !name.startsWith("type ")) names.add(name.split(/\s+as\s+/)[0] ?? name);
      }
    }
  }
  return names;
}

test("the lean @remix-run/node the bundle uses exports every name our code imports from @remix-run/node", async () => {
  const lean = (await import("#src/http/remix-node-lean.ts")) as Record<string, unknown>;
  for (const name of ["createCookie", "createReadableStreamFromReadable", "data", "redirect"])
    expect(valuesImportedFromRemixNode(), "the scan of imports found nothing: fix the test").toContain(name);
  for (const name of valuesImportedFromRemixNode()) {
    expect(
      lean[name],
      `src/http/remix-node-lean.ts (what the bundle gets for "@remix-run/node") has no "${name}": ` +
        "an upgrade moved it inside @remix-run/node/dist, or new code imports it; re-export it there",
    ).toBeDefined();
  }
  // What the real package gives is what the lean one gives, for the names we use.
  const full = (await import("@remix-run/node")) as Record<string, unknown>;
  for (const name of ["createCookie", "createReadableStreamFromReadable"])
    expect(lean[name], `@remix-run/node's ${name} is no longer the one in dist/: update remix-node-lean.ts`).toBe(
      full[name],
    );
});

test("react-dom still ships the streaming server renderer where the bundle points react-dom/server", () => {
  // The path bundle-handler.ts resolves (react-dom's exports map does not list the file).
  const file = "node_modules/react-dom/cjs/react-dom-server.node.production.min.js";
  let renderer: Record<string, unknown> = {};
  try {
    renderer = require(path.join(root, file)) as Record<string, unknown>;
  } catch {
    // Reported below with the message that says what to change.
  }
  expect(
    typeof renderer.renderToPipeableStream,
    `react-dom no longer has renderToPipeableStream in ${file}: src/scripts/local/bundle-handler.ts ` +
      "(streamingRendererOnly) points react-dom/server there; find the new file or drop the plugin",
  ).toBe("function");
  expect(renderer.renderToString, "the streaming-only file now carries the legacy renderer too").toBeUndefined();
});
