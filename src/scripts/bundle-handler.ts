// Bundles the Lambda handler and the Remix server build into one ESM file in the function
// folder, which is all Architect zips and ships. Run after `remix vite:build`.
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = process.cwd();
const serverBuild = path.join(root, "build/server/index.js");
const outfile = path.join(root, "src/http/any-catchall/index.mjs");

if (!existsSync(serverBuild)) {
  console.error("build/server/index.js is missing: run `remix vite:build` first (npm run build does both).");
  process.exit(1);
}

const result = await build({
  entryPoints: [path.join(root, "src/http/any-catchall/lambda.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  minify: true,
  sourcemap: false,
  legalComments: "none",
  metafile: true,
  alias: { "virtual:remix-server-build": serverBuild },
  define: { "process.env.NODE_ENV": '"production"' },
  // CommonJS dependencies call require() for Node built-ins; ESM output needs one to exist.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
});

const size = (await stat(outfile)).size;
const gzip = gzipSync(readFileSync(outfile)).length;
console.log(
  `Bundled ${path.relative(root, outfile)}: ${(size / 1024).toFixed(1)} KiB (${(gzip / 1024).toFixed(1)} KiB gzip)`,
);
if (process.env.BUNDLE_ANALYZE) {
  const { analyzeMetafile } = await import("esbuild");
  console.log(await analyzeMetafile(result.metafile));
}
