// Bundles the WebSocket API's handlers (src/ws/<route>/lambda.ts) into index.mjs beside each,
// which is what Architect runs and zips. Each is one self-contained file (no chunks): these
// Lambdas are small, run once per socket event and share nothing with the page Lambda.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = process.cwd();
const wsDir = path.join(root, "src/ws");
const routes = readdirSync(wsDir).filter((name) => existsSync(path.join(wsDir, name, "lambda.ts")));

for (const route of routes) {
  const outfile = path.join(wsDir, route, "index.mjs");
  const result = await build({
    entryPoints: [path.join(wsDir, route, "lambda.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    mainFields: ["module", "main"],
    minify: !process.env.BUNDLE_NO_MINIFY,
    legalComments: "none",
    write: true,
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: "warning",
    logOverride: { "ignored-bare-import": "silent" },
  });
  if (result.errors.length > 0) process.exit(1);
  const bytes = statSync(outfile).size;
  console.log(
    `Bundled src/ws/${route}/index.mjs: ${(bytes / 1024).toFixed(1)} KiB (${(gzipSync(readFileSync(outfile)).length / 1024).toFixed(1)} KiB gzip)`,
  );
}
