// The one Lambda: API Gateway HTTP API (payload 2.0) events in, Remix-rendered responses out.
// Bundled with the Remix server build into index.mjs beside this file (npm run build).
// The deep import skips the adapter's session-storage module and its @architect/functions load.
import { createRequestHandler } from "@remix-run/architect/dist/server.js";
import * as build from "virtual:remix-server-build";

export const handler = createRequestHandler({ build, mode: "production" });
