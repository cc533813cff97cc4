// `npm run token -- <email>`: prints a Cognito access token for a local account, for calling
// the JSON API with curl. It asks the local Cognito emulator (started by `npm run dev` or
// `npm start`) directly, as `aws cognito-idp initiate-auth` asks Cognito in a deployed stage:
// no endpoint of the app ever takes a password in exchange for a token.
//
//   TOKEN=$(npm run -s token -- demo@example.com)      # asks for the password (and the code)
//   printf '%s\n' "$PASSWORD" "$CODE" | npm run -s token -- me@example.com
//
// The emulator's port: COGNITO_LOCAL_PORT when set, else the one the app started from this
// checkout noted (.tmp/local-stack.json), else 9229. With two-step sign-in on, it asks for the
// authenticator app's code. Only the token goes to stdout; questions and errors go to stderr.
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createInterface } from "node:readline";
import { LOCAL_CLIENT_ID, LOCAL_REGION } from "#src/plugins/cognito-emulator.js";
import { readRunningStack, runningStackFile } from "#src/scripts/local/running-stack.ts";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

// Piped input: the password on the first line, the code (when asked for) on the second.
const piped = process.stdin.isTTY ? undefined : createInterface({ input: process.stdin })[Symbol.asyncIterator]();

async function readLine(prompt: string, hidden: boolean): Promise<string> {
  if (piped) {
    const next = await piped.next();
    return next.done ? "" : String(next.value);
  }
  process.stderr.write(prompt);
  process.stdin.setRawMode(hidden);
  process.stdin.resume();
  process.stdin.setEncoding("utf8");
  return new Promise((resolve) => {
    let typed = "";
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n" || char === "\u0004") {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stdin.off("data", onData);
          if (hidden) process.stderr.write("\n");
          resolve(typed);
          return;
        }
        if (char === "\u0003") fail("\nCancelled.");
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    process.stdin.on("data", onData);
  });
}

const email = process.argv[2];
if (!email || email.startsWith("-")) fail("Usage: npm run token -- <email>   (then type the password)");

const running = readRunningStack();
const fromEnv = process.env.COGNITO_LOCAL_PORT;
const port = fromEnv ? Number(fromEnv) : (running?.cognito ?? 9229);
const endpoint = `http://127.0.0.1:${port}`;
const portSource = fromEnv
  ? `COGNITO_LOCAL_PORT=${fromEnv}`
  : running
    ? `noted by ${running.command} (pid ${running.pid})`
    : "the default; nothing started from this checkout is running";

/** Why nothing answered, from what this checkout knows about the running app. */
function notRunning(): string {
  const here = `No Cognito emulator answers at ${endpoint} (${portSource}).`;
  if (running && running.cognito !== port)
    return `${here} The app started here by ${running.command} (pid ${running.pid}, http://localhost:${running.http}) has its emulator on port ${running.cognito}: run this without COGNITO_LOCAL_PORT, or with COGNITO_LOCAL_PORT=${running.cognito}.`;
  if (running) return `${here} The app that noted it may be stopping; start it again (npm run dev or npm start).`;
  return `${here} npm run dev and npm start note their ports in ${runningStackFile()}, and there is no such note from a running app. If the app runs from another folder or was given COGNITO_LOCAL_PORT, run this there or with the same COGNITO_LOCAL_PORT; otherwise start it (npm run dev or npm start).`;
}

const password = await readLine(`Password for ${email}: `, true);
if (!password) fail("No password given.");

const client = new CognitoIdentityProviderClient({
  endpoint,
  region: LOCAL_REGION,
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
  maxAttempts: 1,
});
try {
  let result = await client.send(
    new InitiateAuthCommand({
      ClientId: LOCAL_CLIENT_ID,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  if (result.ChallengeName === "SOFTWARE_TOKEN_MFA" && result.Session) {
    const code = (await readLine("Code from your authenticator app: ", false)).replace(/\s/g, "");
    if (!/^\d{6}$/.test(code))
      fail("Two-step sign-in is on for this account: give the 6-digit code from your authenticator app.");
    result = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId: LOCAL_CLIENT_ID,
        ChallengeName: "SOFTWARE_TOKEN_MFA",
        Session: result.Session,
        ChallengeResponses: {
          USERNAME: result.ChallengeParameters?.USER_ID_FOR_SRP ?? result.ChallengeParameters?.USERNAME ?? email,
          SOFTWARE_TOKEN_MFA_CODE: code,
        },
      }),
    );
  }
  const token = result.AuthenticationResult?.AccessToken;
  if (!token)
    fail(`The emulator asked for a step this script does not offer (${result.ChallengeName ?? "no token, no step"}).`);
  process.stdout.write(`${token}\n`);
  process.stderr.write("Access token for the API (valid for 1 hour): Authorization: Bearer <token>\n");
} catch (error) {
  const name = error instanceof Error ? error.name : "";
  const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  if (code === "ECONNREFUSED" || name === "TimeoutError") fail(notRunning());
  if (["NotAuthorizedException", "UserNotFoundException", "InvalidPasswordException"].includes(name))
    fail("Incorrect email or password.");
  if (name === "CodeMismatchException" || name === "ExpiredCodeException")
    fail("That code is not right (or has expired): run this again with the current code from your authenticator app.");
  if (name === "UserNotConfirmedException") fail("Confirm this account first (sign-up code 123456 locally).");
  if (name === "ResourceNotFoundException")
    fail(
      `The Cognito emulator at ${endpoint} (${portSource}) does not know this app's user pool: it belongs to another project or checkout. Run this there, or start this app with a free COGNITO_LOCAL_PORT and run this with the same.`,
    );
  if (!name.endsWith("Exception"))
    fail(
      `Something answers at ${endpoint} (${portSource}), but not as a Cognito emulator (${error instanceof Error ? error.message.slice(0, 120) : String(error)}). Is that port the app's own, or another program's? The app prints "[cognito-local] Cognito emulator on …" when it starts.`,
    );
  fail(`Could not get a token: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  client.destroy();
}
