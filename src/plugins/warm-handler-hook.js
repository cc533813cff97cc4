// @ts-check
// Preloaded (NODE_OPTIONS --import) into each Lambda process arc sandbox starts while the warm
// handler is on (warm-handler.js): when sandbox's bootstrap imports the handler file, it gets
// the forwarder instead. Nothing else in the process changes.
import { registerHooks } from "node:module";
import { pathToFileURL } from "node:url";

const { handlerFile } = JSON.parse(process.env.__ARC_CONFIG__ ?? "{}");
// Only the page Lambda (src/http/any-catchall) has a warm copy; the WebSocket handlers
// (src/ws/*) run as sandbox runs them.
const isPageLambda = typeof handlerFile === "string" && /[\\/]src[\\/]http[\\/]any-catchall[\\/]/.test(handlerFile);
if (isPageLambda && process.env.SANDBOX_WARM_HANDLER_SOCKET) {
  const handlerUrl = pathToFileURL(handlerFile).href;
  const forwarderUrl = new URL("./warm-handler-forward.js", import.meta.url).href;
  process.env.SANDBOX_HANDLER_FILE = handlerFile;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      return resolved.url === handlerUrl ? { ...resolved, url: forwarderUrl } : resolved;
    },
  });
}
