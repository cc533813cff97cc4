// Bundles the Lambda handler and the Remix server build into the function folder, which is all
// Architect zips and ships: index.mjs (what every request needs) plus chunks/ (code only some
// requests need, e.g. the Cognito client, loaded on first use). Run after `remix vite:build`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { existsSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";

const root = process.cwd();
const serverBuild = path.join(root, "build/server/index.js");
const functionDir = path.join(root, "src/http/any-catchall");
const outfile = path.join(functionDir, "index.mjs");
const chunksDir = path.join(functionDir, "chunks");

if (!existsSync(serverBuild)) {
  console.error("build/server/index.js is missing: run `remix vite:build` first (npm run build does both).");
  process.exit(1);
}

/** @remix-run/node without the polyfills and file storage no request uses (remix-node-lean.ts). */
function leanRemixNode(): Plugin {
  return {
    name: "lean-remix-node",
    setup(build) {
      const lean = path.join(root, "src/http/remix-node-lean.ts");
      build.onResolve({ filter: /^@remix-run\/node$/ }, () => ({ path: lean }));
    },
  };
}

/**
 * react-dom/server loads two renderers, the legacy one (renderToString) that nothing here calls
 * and the streaming one entry.server.tsx uses: point it at the streaming one alone.
 */
function streamingRendererOnly(): Plugin {
  return {
    name: "streaming-renderer-only",
    setup(build) {
      const streaming = path.join(root, "node_modules/react-dom/cjs/react-dom-server.node.production.min.js");
      build.onResolve({ filter: /^react-dom\/server$/ }, () => {
        if (existsSync(streaming)) return { path: streaming };
        console.warn("react-dom's streaming server build moved: bundling all of react-dom/server.");
        return undefined;
      });
    },
  };
}

/** react-dom itself (the client renderer) is imported on the server only for flushSync. */
function noClientRenderer(): Plugin {
  return {
    name: "no-client-renderer",
    setup(build) {
      const standIn = path.join(root, "src/http/react-dom-on-server.ts");
      build.onResolve({ filter: /^react-dom$/ }, () => ({ path: standIn }));
    },
  };
}

const result = await build({
  entryPoints: { index: path.join(functionDir, "lambda.ts") },
  outdir: functionDir,
  bundle: true,
  // Dynamic import() becomes a separate file, loaded only when a request reaches it.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  platform: "node",
  target: "node22",
  format: "esm",
  // ESM builds first: the AWS SDK's ESM loads rarely used credential providers with import(),
  // which splitting keeps out of the main file (its CommonJS build require()s them inline).
  mainFields: ["module", "main"],
  // BUNDLE_NO_MINIFY=1 keeps names readable in CPU profiles (BENCH_PROFILE=1 npm run bench).
  minify: !process.env.BUNDLE_NO_MINIFY,
  sourcemap: false,
  legalComments: "none",
  metafile: true,
  write: false,
  alias: { "virtual:remix-server-build": serverBuild },
  define: { "process.env.NODE_ENV": '"production"' },
  plugins: [leanRemixNode(), streamingRendererOnly(), noClientRenderer()],
  // CommonJS dependencies call require() for Node built-ins; ESM output needs one to exist.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
  // Vite's server build keeps bare `import "zod"`-style lines in its chunks; esbuild drops them
  // (the packages declare no side effects) and would warn about each one in every build.
  logOverride: { "ignored-bare-import": "silent" },
});

// index.mjs is written last: deploy and test setups compare its time with the sources'.
rmSync(chunksDir, { recursive: true, force: true });
mkdirSync(chunksDir, { recursive: true });
const files = [...result.outputFiles].sort((a, b) => Number(a.path === outfile) - Number(b.path === outfile));
for (const file of files) writeFileSync(file.path, file.contents);

const main = readFileSync(outfile);
const chunkBytes = files.filter((file) => file.path !== outfile).reduce((sum, file) => sum + file.contents.length, 0);
console.log(
  `Bundled ${path.relative(root, outfile)}: ${(main.length / 1024).toFixed(1)} KiB ` +
    `(${(gzipSync(main).length / 1024).toFixed(1)} KiB gzip), plus ${files.length - 1} lazily loaded chunks ` +
    `(${(chunkBytes / 1024).toFixed(1)} KiB)`,
);
if (process.env.BUNDLE_ANALYZE) {
  const { analyzeMetafile } = await import("esbuild");
  console.log(await analyzeMetafile(result.metafile));
  // For esbuild's bundle analyzer (https://esbuild.github.io/analyze/) and our own scripts.
  mkdirSync(path.join(root, ".tmp"), { recursive: true });
  writeFileSync(path.join(root, ".tmp/bundle-meta.json"), JSON.stringify(result.metafile));
}
