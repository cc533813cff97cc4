// @ts-check
// Architect plugin: runs the local Cognito emulator for as long as `arc sandbox` runs
// (npm run dev, npm start, tests), on 127.0.0.1:COGNITO_LOCAL_PORT (default 9229).
import { startCognitoEmulator } from "./cognito-emulator.js";

/** @type {{ stop: () => Promise<void> } | undefined} */
let emulator;

export const cognitoLocalPort = () => Number(process.env.COGNITO_LOCAL_PORT || 9229);

export default {
  sandbox: {
    async start() {
      emulator = await startCognitoEmulator({ port: cognitoLocalPort() });
      console.log(
        `[cognito-local] Cognito emulator on http://127.0.0.1:${cognitoLocalPort()} (codes are always 123456)`,
      );
    },
    async end() {
      await emulator?.stop();
      emulator = undefined;
    },
  },
};
