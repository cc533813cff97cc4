// @ts-check
// The handler sandbox's Lambda process runs while the warm handler is on: it sends the event to
// the worker that holds the real bundle (warm-handler-worker.ts) and returns its result. If the
// worker cannot be reached, the real bundle is imported here and serves the request.
import { request } from "node:http";
import { pathToFileURL } from "node:url";

/**
 * @param {unknown} event
 * @param {{ awsRequestId?: string }} [context]
 */
export async function handler(event, context) {
  try {
    return await forward({ event, requestId: context?.awsRequestId });
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    if (code !== "ENOENT" && code !== "ECONNREFUSED") throw error;
    const file = process.env.SANDBOX_HANDLER_FILE ?? "";
    // A query string makes this a different URL from the one the preload redirects.
    const real = await import(`${pathToFileURL(file).href}?direct`);
    return real.handler(event, context);
  }
}

/** @param {unknown} invocation */
function forward(invocation) {
  const body = JSON.stringify(invocation);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        socketPath: process.env.SANDBOX_WARM_HANDLER_SOCKET,
        path: "/invoke",
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (incoming) => {
        /** @type {Buffer[]} */
        const chunks = [];
        incoming.on("data", (chunk) => chunks.push(chunk));
        incoming.on("error", reject);
        incoming.on("end", () => {
          const reply = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          if (incoming.statusCode === 200) return resolve(reply.result);
          // The handler threw: throw the same here, so sandbox reports it as it would have.
          const thrown = new Error(reply.error?.message ?? "warm handler failed");
          thrown.name = reply.error?.name ?? "Error";
          thrown.stack = reply.error?.stack ?? thrown.stack;
          reject(thrown);
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
