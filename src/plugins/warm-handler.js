// @ts-check
// Architect plugin: `npm start` (and `npm run bench`) keep one warm copy of the Lambda handler.
// Sandbox starts a new Node process for every request, which then imports the whole bundle and
// serves its first request cold: about a third of a second each here. With
// SANDBOX_WARM_HANDLER=on, requests still go through arc sandbox and its Lambda process, but that
// process hands the event to a worker that has the same bundle loaded (warm-handler-worker.ts),
// as a warm Lambda container would, and returns its answer. If the worker is gone, the Lambda
// process serves the request itself, as sandbox does without the plugin.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const warmHandlerEnabled = () => process.env.SANDBOX_WARM_HANDLER === "on";

/** What each Lambda process gets (through sandbox-env.js): a preload pointing its handler at the forwarder. */
export function warmHandlerEnv() {
  if (!warmHandlerEnabled()) return {};
  const hook = pathToFileURL(path.join(import.meta.dirname, "warm-handler-hook.js")).href;
  return { NODE_OPTIONS: `--import=${hook}`, SANDBOX_WARM_HANDLER_SOCKET: socketPath() };
}

/** One socket per sandbox process, so two sandboxes never share a worker. */
export const socketPath = () => path.join(os.tmpdir(), `task-tracker-warm-handler-${process.pid}.sock`);

/** @param {NodeJS.ProcessEnv} env */
function withoutPreload(env) {
  const copy = { ...env };
  delete copy.NODE_OPTIONS;
  delete copy.SANDBOX_WARM_HANDLER_SOCKET;
  return copy;
}

/** @type {import("node:child_process").ChildProcess | undefined} */
let worker;

export default {
  sandbox: {
    /** @param {{ inventory: any }} params */
    async start({ inventory }) {
      if (!warmHandlerEnabled()) return;
      const lambda = inventory.inv.http?.find((/** @type {{ path: string }} */ route) => route.path === "/*");
      if (!lambda?.handlerFile) throw new Error("warm-handler: no Lambda for /* in app.arc");
      const cwd = inventory.inv._project.cwd;
      rmSync(socketPath(), { force: true });
      const child = spawn(
        process.execPath,
        [path.join(cwd, "src/scripts/local/warm-handler-worker.ts"), lambda.handlerFile, socketPath()],
        {
          cwd: lambda.src,
          // What sandbox gives the Lambda: while start plugins run, process.env holds the
          // project's variables (sandbox-env.js); plus sandbox's stage and its marker (the
          // handler builds http:// URLs from it). Not the preload, which is for Lambda processes.
          env: {
            ...withoutPreload(process.env),
            AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID || "local",
            AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY || "local",
            ARC_ENV: "testing",
            ARC_SANDBOX: JSON.stringify({ warmHandler: true }),
            TZ: "UTC",
          },
          // Its stdin is our end of a pipe: when this process dies, however, the worker sees EOF and exits.
          stdio: ["pipe", "inherit", "inherit", "ipc"],
        },
      );
      worker = child;
      const [message] = await Promise.race([
        once(child, "message"),
        once(child, "exit").then(() => {
          throw new Error("warm-handler: the worker exited before it was ready");
        }),
      ]);
      if (message !== "ready") throw new Error(`warm-handler: unexpected message ${String(message)}`);
      console.log("[warm-handler] Requests are served by one warm copy of the handler (SANDBOX_WARM_HANDLER=on)");
    },
    async end() {
      const child = worker;
      worker = undefined;
      if (!child || child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
      rmSync(socketPath(), { force: true });
    },
  },
};
