import type { Fetcher } from "aws-jwt-verify/https";
import { getEnv, isLocalStage } from "#src/env.ts";
import { ServiceUnavailableError } from "#src/errors.ts";

/**
 * Verifies Cognito access tokens: signature (the pool's RS256 keys), issuer, expiry,
 * token_use "access" and our app client id. One verifier per Lambda container; it caches the
 * pool's public keys (JWKS) after the first fetch. The library (and the node:https it brings)
 * is imported with the first token to check, so requests without a session never load it.
 */

export interface AccessTokenClaims {
  sub: string;
  /**
   * When the user signed in with a password (the `auth_time` claim, else `iat`), in epoch
   * seconds, by Cognito's clock. Cognito keeps it across refreshes, so a token minted from an
   * old refresh token still says when that sign-in was (see src/accounts: tokensValidAfter).
   */
  authTime: number;
}

export type VerifyResult = { ok: true; claims: AccessTokenClaims } | { ok: false; expired: boolean };

const JWKS_TIMEOUT_MS = 3_000;

const JWKS_PATH = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/([\w-]+)\/\.well-known\/jwks\.json$/;

/**
 * Locally the emulator signs tokens with its own key, which is public knowledge. This fetcher
 * answers the verifier's JWKS request from the emulator instead of Cognito. Trusting that key
 * anywhere but on a developer's machine would let anyone mint tokens, so it cannot be created
 * outside the local stage.
 */
export function createLocalJwksFetcher(): Fetcher {
  const env = getEnv();
  if (!isLocalStage(env) || !env.COGNITO_ENDPOINT) {
    throw new Error("Refusing to trust the local Cognito emulator's key outside local development and tests.");
  }
  const endpoint = env.COGNITO_ENDPOINT;
  return {
    async fetch(uri: string) {
      const poolId = JWKS_PATH.exec(uri)?.[1];
      if (!poolId) throw new Error(`Unexpected key URL: ${uri}`);
      // An emulator that is down is an outage (FetchError), not a reason to end sessions.
      const { FetchError } = await import("aws-jwt-verify/error");
      // Over node:http, as the library fetches Cognito's keys over node:https: Node's fetch()
      // loads its own HTTP client on first use, which a Lambda never does here, and the first
      // request after a cold start measured that instead. Bounded like the library's own
      // fetcher (3 s): an emulator that hangs must not hang us.
      const { get } = await import("node:http");
      return new Promise<ArrayBuffer>((resolve, reject) => {
        const fail = (why: unknown) => reject(new FetchError(uri, String(why)));
        const request = get(`${endpoint}/${poolId}/.well-known/jwks.json`, { timeout: JWKS_TIMEOUT_MS }, (response) => {
          if (response.statusCode !== 200) {
            response.resume();
            fail(`The local Cognito emulator answered ${response.statusCode}.`);
            return;
          }
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", fail);
          response.on("end", () => {
            const body = Buffer.concat(chunks);
            resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
          });
        });
        request.on("timeout", () => request.destroy(new Error(`No answer in ${JWKS_TIMEOUT_MS} ms.`)));
        request.on("error", fail);
      });
    },
  };
}

async function createVerifier() {
  const [{ CognitoJwtVerifier }, { FetchError, JwtExpiredError }, { SimpleJwksCache }] = await Promise.all([
    import("aws-jwt-verify"),
    import("aws-jwt-verify/error"),
    import("aws-jwt-verify/jwk"),
  ]);
  const env = getEnv();
  const props = { userPoolId: env.COGNITO_USER_POOL_ID, tokenUse: "access", clientId: env.COGNITO_CLIENT_ID } as const;
  const verifier = isLocalStage(env)
    ? CognitoJwtVerifier.create(props, { jwksCache: new SimpleJwksCache({ fetcher: createLocalJwksFetcher() }) })
    : CognitoJwtVerifier.create(props);
  return { verifier, FetchError, JwtExpiredError };
}

let verifier: ReturnType<typeof createVerifier> | undefined;

/**
 * A token we cannot fully verify is not accepted (ok: false), whatever is wrong with it. Only
 * failing to reach Cognito's keys is an outage, not a verdict on the token.
 */
function loadVerifier(): ReturnType<typeof createVerifier> {
  verifier ??= createVerifier().catch((error: unknown) => {
    verifier = undefined;
    throw error;
  });
  return verifier;
}

let keysLoaded: Promise<void> | undefined;

/**
 * Starts loading the verifier and the pool's keys without waiting for them, so that a cold
 * start fetches the keys while the session is read instead of after it (two round trips to
 * different services, one after the other, become one wait). Once loaded, a no-op; a failure
 * is left for verifyAccessToken to meet and report.
 */
export function prepareAccessTokenCheck(): void {
  keysLoaded ??= loadVerifier()
    .then(({ verifier: jwt }) => jwt.hydrate())
    .catch(() => {
      keysLoaded = undefined;
    });
}

export async function verifyAccessToken(token: string): Promise<VerifyResult> {
  const { verifier: jwt, FetchError, JwtExpiredError } = await loadVerifier();
  try {
    const payload = await jwt.verify(token);
    const authTime = typeof payload.auth_time === "number" ? payload.auth_time : payload.iat;
    // Cognito always sets both; a token without either cannot be placed in time, so it is refused.
    if (typeof authTime !== "number") return { ok: false, expired: false };
    return { ok: true, claims: { sub: payload.sub, authTime } };
  } catch (error) {
    if (error instanceof FetchError) {
      throw new ServiceUnavailableError("The sign-in service is temporarily unavailable.", { cause: error });
    }
    return { ok: false, expired: error instanceof JwtExpiredError };
  }
}

export function resetVerifierForTests(): void {
  verifier = undefined;
  keysLoaded = undefined;
}
