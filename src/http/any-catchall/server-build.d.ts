// Resolved by esbuild's alias to build/server/index.js, which exists only after `remix vite:build`.
declare module "virtual:remix-server-build" {
  import type { ServerBuild } from "@remix-run/node";
  const build: ServerBuild;
  export = build;
}

declare module "@remix-run/architect/dist/server.js" {
  export { createRequestHandler } from "@remix-run/architect";
}
