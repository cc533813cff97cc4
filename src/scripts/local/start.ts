// `npm start` (after the build): the production bundle under `arc sandbox`, through the real
// Lambda handler, at http://localhost:3333 unless PORT says otherwise.
import { seedDemoTasks } from "#src/scripts/local/local-client.ts";
import { startLocalStack } from "#src/scripts/local/local-stack.ts";
import { forgetRunningStack, recordRunningStack } from "#src/scripts/local/running-stack.ts";

const port = Number(process.env.PORT ?? 3333);
// Sandbox's Lambda processes hand each request to one warm copy of the handler
// (src/plugins/warm-handler.js); SANDBOX_WARM_HANDLER=off starts the bundle afresh per request.
process.env.SANDBOX_WARM_HANDLER ??= "on";
const stack = await startLocalStack({
  http: port,
  tables: Number(process.env.ARC_TABLES_PORT ?? 5555),
  cognito: Number(process.env.COGNITO_LOCAL_PORT ?? 9229),
  quiet: false,
});
// The demo account (README) starts with a few tasks that show what the app does.
await seedDemoTasks(`http://127.0.0.1:${stack.ports.http}`);
// For `npm run token`, which may run in a shell without the same variables.
recordRunningStack({ command: "npm start", http: stack.ports.http, cognito: stack.ports.cognito });
console.log(`\nTask Tracker (production build) is running at http://localhost:${stack.ports.http}\n`);

async function stop() {
  forgetRunningStack();
  await stack.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
