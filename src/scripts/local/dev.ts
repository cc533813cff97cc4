// `npm run dev`: the app with hot reload, offline. Sandbox provides DynamoDB (and our plugins'
// local services); Vite's dev server renders the Remix app with the same environment.
import { spawn } from "node:child_process";
import { DEMO_ACCOUNT, seedDemoTasks } from "#src/scripts/local/local-client.ts";
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

// The demo account (README) starts with a few tasks that show what the app does, once Vite answers.
void (async () => {
  const base = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 120_000; Date.now() < until; ) {
    if (
      await fetch(`${base}/healthcheck`).then(
        (response) => response.ok,
        () => false,
      )
    ) {
      await seedDemoTasks(base).then(
        () => console.log(`Sign in as ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}: it has a few sample tasks.`),
        (error: unknown) => console.warn(`The demo account's sample tasks were not added: ${String(error)}`),
      );
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
})();

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
