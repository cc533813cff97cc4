import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";
import { corsHeaders, isApiPath, preflightResponse } from "../src/http/api-cors.ts";
import { FORBIDDEN_HTML, checkRequest } from "../src/http/request-guard.ts";
import { createNonce, securityHeaders } from "../src/http/security-headers.ts";
import { getEnv } from "../src/env.ts";
import { clientChunks } from "./client-chunks.ts";

/**
 * The dev server applies the same request checks as the Lambda handler (CSRF origin check;
 * the JSON API, which takes bearer tokens only, is exempt), the same CORS rules and the same
 * security headers (documents replace the policy with their own nonce's, in entry.server).
 */
function requestGuard(): Plugin {
  return {
    name: "task-tracker-request-guard",
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        for (const [name, value] of Object.entries(securityHeaders(createNonce(), { development: true })))
          response.setHeader(name, value);
        const header = (name: string) => {
          const value = request.headers[name];
          return Array.isArray(value) ? value[0] : value;
        };
        const api = isApiPath(request.url ?? "");
        const verdict = checkRequest(request.method ?? "GET", header, {
          expectedOrigin: `http://${request.headers.host ?? ""}`,
          requireOriginVerify: false,
          bearerOnly: api,
        });
        if (verdict.ok && api) {
          const allowed = getEnv().API_CORS_ORIGINS;
          if (request.method === "OPTIONS") {
            const answer = preflightResponse(header("origin"), allowed);
            response.writeHead(answer.statusCode, answer.headers);
            return response.end();
          }
          for (const [name, value] of Object.entries(corsHeaders(header("origin"), allowed)))
            response.setHeader(name, value);
        }
        if (verdict.ok) return next();
        response.statusCode = 403;
        response.setHeader("Content-Type", "text/html; charset=utf-8");
        response.end(FORBIDDEN_HTML);
      });
    },
  };
}

/**
 * Vite wraps each import() in a helper that preloads the lazy chunk's own imports and CSS. Ours
 * (the shortcut keys, their help dialog) import only chunks the page has already loaded, and the
 * one stylesheet is the root's, so the helper had nothing to do but cost 0.5 KB gzip on /tasks.
 */
function plainDynamicImports(): Plugin {
  return {
    name: "task-tracker-plain-dynamic-imports",
    apply: "build",
    enforce: "pre",
    load(id) {
      if (id === "\0vite/preload-helper.js") return "export const __vitePreload = (load) => load();";
    },
  };
}

export default defineConfig(({ command, isSsrBuild }) => ({
  // Built assets are served by S3/CloudFront (and arc sandbox) under /_static/.
  base: command === "build" ? "/_static/" : "/",
  root: process.cwd(),
  publicDir: "public",
  server: { host: "127.0.0.1", port: Number(process.env.PORT ?? 3000), strictPort: true },
  build: {
    assetsInlineLimit: 0,
    // The browser's files (see client-chunks.ts); the server build is bundled again by esbuild.
    rollupOptions: isSsrBuild ? undefined : { output: { manualChunks: clientChunks } },
    // No lists of a lazy chunk's imports to preload (see plainDynamicImports).
    modulePreload: false,
    // The browsers Tailwind 4's stylesheet needs anyway (older ones get no usable page): with
    // Vite's default (Chrome 87), esbuild rewrote every ?. into a longer test (0.3 KiB gzip of ours).
    target: ["es2022", "chrome111", "edge111", "firefox128", "safari16.4"],
    // Terser minifies the browser's files about 4% smaller than esbuild (React and the Remix
    // client 82.7 → 79.4 KiB gzip, ours 12.7 → 12.5 on /tasks); licence comments are kept.
    minify: isSsrBuild ? undefined : "terser",
    terserOptions: { module: true, toplevel: true, compress: { passes: 2 }, format: { comments: "some" } },
  },
  plugins: [
    requestGuard(),
    plainDynamicImports(),
    tailwindcss(),
    remix({
      appDirectory: "app",
      buildDirectory: "build",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
}));
