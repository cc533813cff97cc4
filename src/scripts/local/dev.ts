// `npm run dev`: the app with hot reload, offline. Sandbox provides DynamoDB (and our plugins'
// local services); Vite's dev server renders the Remix app with the same environment.
import { spawn } from "node:child_process";
import { startLocalStack } from "#src/scripts/local/local-stack.ts";
import { forgetRunningStack, recordRunningStack } from "#src/scripts/local/running-stack.ts";

const port = Number(process.env.PORT ?? 3000);
// The Cognito emulator on its usual port (as under npm start), so `npm run token` finds it.
const stack = await startLocalStack({ quiet: true, cognito: Number(process.env.COGNITO_LOCAL_PORT ?? 9229) });
console.log(`Local DynamoDB on 127.0.0.1:${stack.ports.tables}`);
// For `npm run token`, which may run in a shell without the same variables.
recordRunningStack({ command: "npm run dev", http: port, cognito: stack.ports.cognito });

const vite = spawn("node_modules/.bin/remix", ["vite:dev", "--config", ".config/vite.config.ts"], {
  stdio: "inherit",
  env: { ...process.env, ...stack.env, NODE_ENV: "development", PORT: String(port) },
});

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  forgetRunningStack();
  if (vite.exitCode === null) vite.kill("SIGTERM");
  await stack.stop();
  process.exit(code);
}

vite.on("exit", (code) => void stop(code ?? 0));
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
