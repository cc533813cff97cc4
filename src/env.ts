import * as z from "zod/mini";
import { DEFAULT_MAX_MEMBERS } from "#src/lists/list.ts";
import { TABLES, type TableName, tableEnvName } from "#src/db/tables.ts";

const WINDOW_UNITS = { s: 1, m: 60, h: 3600 } as const;

export interface RateLimit {
  max: number;
  windowSeconds: number;
}

/** "10/15m" -> at most 10 attempts per 15-minute window. */
function rateLimit(fallback: string) {
  return z.pipe(
    z._default(z.string(), fallback),
    z.transform((value: string, ctx): RateLimit => {
      const match = /^(\d{1,6})\/(\d{1,5})([smh])$/.exec(value.trim());
      const max = Number(match?.[1]);
      const windowSeconds = Number(match?.[2]) * WINDOW_UNITS[(match?.[3] ?? "s") as keyof typeof WINDOW_UNITS];
      if (!match || max < 1 || windowSeconds < 1 || windowSeconds > 86_400) {
        ctx.issues.push({
          code: "custom",
          message: 'expected "<attempts>/<window>", e.g. "10/15m", window up to 24h',
          input: value,
        });
        return z.NEVER;
      }
      return { max, windowSeconds };
    }),
  );
}

/** One required variable per app.arc table (TABLES), named by tableEnvName. */
function tableNameVariables() {
  const name = () => z.string().check(z.minLength(1));
  return Object.fromEntries(TABLES.map((table) => [tableEnvName(table), name()])) as {
    [T in TableName as ReturnType<typeof tableEnvName<T>>]: ReturnType<typeof name>;
  };
}

/**
 * Configuration comes only from the environment and is validated on first use (the schema is
 * built then too), so a cold start pays for nothing it does not need and a missing variable
 * fails loudly with its name.
 */
function createEnvSchema() {
  return z.object({
    NODE_ENV: z._default(z.enum(["development", "production", "test"]), "production"),
    /** Architect's stage: "testing" under sandbox, "staging" or "production" when deployed. */
    ARC_ENV: z.enum(["testing", "staging", "production"]),
    AWS_REGION: z._default(z.string().check(z.minLength(1)), "us-east-1"),
    /** TASKS_TABLE, SESSIONS_TABLE, …: the name of each app.arc table in this stage. */
    ...tableNameVariables(),
    /** "off" only where hundreds of sign-ups come from one address on purpose (local tests). */
    RATE_LIMITS: z._default(z.enum(["on", "off"]), "on"),
    // Each limit is "<attempts>/<window>", window in s, m or h (e.g. "10/15m"); docs/security.md lists them.
    RATE_LIMIT_SIGNIN_EMAIL: rateLimit("10/15m"),
    RATE_LIMIT_SIGNIN_IP: rateLimit("50/15m"),
    RATE_LIMIT_SIGNUP_EMAIL: rateLimit("3/1h"),
    RATE_LIMIT_SIGNUP_IP: rateLimit("5/1h"),
    RATE_LIMIT_RESEND_EMAIL: rateLimit("5/1h"),
    RATE_LIMIT_RESEND_IP: rateLimit("20/1h"),
    RATE_LIMIT_RESET_EMAIL: rateLimit("5/1h"),
    RATE_LIMIT_RESET_IP: rateLimit("20/1h"),
    RATE_LIMIT_RESET_CONFIRM_EMAIL: rateLimit("10/1h"),
    RATE_LIMIT_RESET_CONFIRM_IP: rateLimit("50/1h"),
    // A browser that signed in to the account before (its device cookie) counts on its own
    // instead of on the email's and the address's counters (src/limits/device-trust.ts).
    RATE_LIMIT_SIGNIN_DEVICE: rateLimit("10/15m"),
    RATE_LIMIT_RESET_DEVICE: rateLimit("5/1h"),
    RATE_LIMIT_RESET_CONFIRM_DEVICE: rateLimit("10/1h"),
    /** Per signed-in caller of the JSON API, so one token cannot use up API Gateway's shared throttle. */
    RATE_LIMIT_API_USER: rateLimit("600/1m"),
    /** Invitations to lists one user may send in a window (abuse: each can cost an email). */
    RATE_LIMIT_INVITE_USER: rateLimit("20/24h"),
    /** The most members a list can have, its owner included (src/lists/membership-service.ts). */
    LIST_MAX_MEMBERS: z._default(
      z.pipe(
        z.string(),
        z.transform((value: string, ctx): number => {
          const max = Number(value.trim());
          if (!/^\d{1,4}$/.test(value.trim()) || max < 2 || max > 500) {
            ctx.issues.push({ code: "custom", message: "expected a whole number from 2 to 500", input: value });
            return z.NEVER;
          }
          return max;
        }),
      ),
      DEFAULT_MAX_MEMBERS,
    ),
    /**
     * Deployed stages with a verified SES identity: invitations to lists are emailed from this
     * address (Cognito's emails use it too). Unset (and locally) the invitation is only logged.
     */
    SES_FROM_EMAIL: z.optional(z.email()),
    /** Only set locally (sandbox or tests); in AWS the SDK finds DynamoDB itself. */
    DYNAMODB_ENDPOINT: z.optional(z.url()),
    /** Only set locally: arc sandbox's emulation of the WebSocket API's management API (src/live/). */
    LIVE_SOCKET_ENDPOINT: z.optional(z.url()),
    /** Set by Architect on every function when app.arc has @ws: the WebSocket API's wss:// URL. */
    ARC_WSS_URL: z.optional(z.string()),
    /** Secret for signing cursors and cookies; at least 32 characters. */
    APP_SECRET: z.string().check(z.minLength(32)),
    /** The secret before the last rotation: still accepted, never used to sign (docs/operations.md). */
    APP_SECRET_PREVIOUS: z.optional(z.string().check(z.minLength(32))),
    COGNITO_USER_POOL_ID: z.string().check(z.regex(/^[\w-]+_[0-9a-zA-Z]+$/)),
    COGNITO_CLIENT_ID: z.string().check(z.minLength(1)),
    /** Only set locally: the Cognito emulator. */
    COGNITO_ENDPOINT: z.optional(z.url()),
    /** Deployed stages: the value CloudFront sends in x-origin-verify; requests without it are refused. */
    ORIGIN_VERIFY_SECRET: z.optional(z.string().check(z.minLength(16))),
    /** The origin secret before the last rotation, still accepted while CloudFront's edges switch over. */
    ORIGIN_VERIFY_SECRET_PREVIOUS: z.optional(z.string().check(z.minLength(16))),
    /** The public origin (https://host) when it is fixed, e.g. a custom domain. */
    APP_ORIGIN: z.optional(z.url()),
    /**
     * Origins (scheme://host[:port], comma-separated) whose pages may call the JSON API from a
     * browser; set per stage with `arc env`. Unset: no CORS headers at all.
     */
    API_CORS_ORIGINS: z.pipe(
      z.pipe(
        z.optional(z.string()),
        z.transform((value) =>
          (value ?? "")
            .split(",")
            .map((origin) => origin.trim())
            .filter(Boolean),
        ),
      ),
      z.array(
        z.string().check(
          z.refine((origin) => URL.canParse(origin) && new URL(origin).origin === origin, {
            message: "each origin must be scheme://host[:port], without a path",
          }),
        ),
      ),
    ),
  });
}

export type Env = z.infer<ReturnType<typeof createEnvSchema>>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = createEnvSchema().safeParse(process.env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join(".")).join(", ");
    throw new Error(`Invalid or missing environment variables: ${names}`);
  }
  cached = parsed.data;
  return cached;
}

/**
 * The secrets that signed values may carry, current first: sign with the first, accept any, so
 * a rotation signs nobody out.
 */
export function getSigningSecrets(env: Env = getEnv()): string[] {
  return env.APP_SECRET_PREVIOUS ? [env.APP_SECRET, env.APP_SECRET_PREVIOUS] : [env.APP_SECRET];
}

/** Tests change process.env between cases; production never calls this. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** True only under `arc sandbox`, `npm run dev` and the tests; never in a deployed stage. */
export function isLocalStage(env: Env = getEnv()): boolean {
  return env.ARC_ENV === "testing";
}
