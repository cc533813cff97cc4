// `npm run token -- <email>`: prints a Cognito access token for a local account, for calling
// the JSON API with curl. It asks the local Cognito emulator (started by `npm run dev` or
// `npm start`) directly, as `aws cognito-idp initiate-auth` asks Cognito in a deployed stage:
// no endpoint of the app ever takes a password in exchange for a token.
//
//   TOKEN=$(npm run -s token -- demo@example.com)      # asks for the password (not echoed)
//   echo "$PASSWORD" | npm run -s token -- me@example.com
//
// Only the token goes to stdout; questions and errors go to stderr.
import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { createInterface } from "node:readline";
import { LOCAL_CLIENT_ID, LOCAL_REGION } from "#src/plugins/cognito-emulator.js";
import { cognitoLocalPort } from "#src/plugins/cognito-local.js";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** A line from the terminal without echoing it, or the first line of piped input. */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    return "";
  }
  process.stderr.write(prompt);
  process.stdin.setRawMode(true);
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
          process.stderr.write("\n");
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
const password = await readPassword(`Password for ${email}: `);
if (!password) fail("No password given.");

const endpoint = `http://127.0.0.1:${cognitoLocalPort()}`;
const client = new CognitoIdentityProviderClient({
  endpoint,
  region: LOCAL_REGION,
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
  maxAttempts: 1,
});
try {
  const result = await client.send(
    new InitiateAuthCommand({
      ClientId: LOCAL_CLIENT_ID,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const token = result.AuthenticationResult?.AccessToken;
  if (!token) fail("The emulator answered without a token (is this account set up for multi-factor sign-in?).");
  process.stdout.write(`${token}\n`);
  process.stderr.write("Access token for the API (valid for 1 hour): Authorization: Bearer <token>\n");
} catch (error) {
  const name = error instanceof Error ? error.name : "";
  const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  if (code === "ECONNREFUSED" || name === "TimeoutError")
    fail(
      `No local Cognito emulator at ${endpoint}: start the app first (npm run dev or npm start), then run this again.`,
    );
  if (["NotAuthorizedException", "UserNotFoundException", "InvalidPasswordException"].includes(name))
    fail("Incorrect email or password.");
  if (name === "UserNotConfirmedException") fail("Confirm this account first (sign-up code 123456 locally).");
  fail(`Could not get a token: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  client.destroy();
}
