import { createHmac } from "node:crypto";
import { getEnv, type Env, type RateLimit } from "#src/env.ts";
import { ServiceUnavailableError, TooManyAttemptsError } from "#src/errors.ts";
import { trustedDeviceFor } from "#src/limits/device-trust.ts";
import { incrementCounter } from "#src/limits/limit-repository.ts";

/**
 * Our own limits on the account actions that cost an email or invite password guessing, per
 * client address and per email address. Fixed windows: one atomic UpdateItem per counter and
 * no read, at the price of allowing up to twice a limit across a window boundary, which still
 * bounds what a script can spend (a sliding window would need a second read per counter).
 * Every attempt counts, whether or not the account exists, so the answer never tells.
 *
 * Per-email limits alone would let a stranger keep the owner out by guessing. So a browser with
 * a device cookie for the email (device-trust.ts) counts on its own counter instead: a stranger
 * locks out only the browsers the account has never seen, and a guessing device only itself.
 */
export type LimitedAction =
  | "signin"
  | "signup"
  | "resend"
  | "reset"
  | "reset-confirm"
  | "signup-confirm"
  | "api"
  | "invite";

/** Who is asking: the client's address and the device cookie's entries, as a route read them. */
export interface RequestClient {
  /** The client's address as the request handler worked it out; absent where unknown. */
  ip?: string;
  /** The entries of the browser's device cookie (unverified: checked here against the email). */
  devices?: readonly string[];
}

export interface LimitSubject extends RequestClient {
  /** Normalised (the credentials schemas lower-case and trim it). */
  email?: string;
  /** A signed-in caller's Cognito sub (the JSON API). */
  user?: string;
}

/** What a counter is kept per: the email, the address, the API caller, or a known device's nonce. */
type Dimension = "email" | "ip" | "user" | "device";

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type LimitName = { [K in keyof Env]-?: Env[K] extends RateLimit ? K : never }[keyof Env];

const SETTINGS: Record<LimitedAction, Partial<Record<Dimension, LimitName>>> = {
  signin: { email: "RATE_LIMIT_SIGNIN_EMAIL", ip: "RATE_LIMIT_SIGNIN_IP", device: "RATE_LIMIT_SIGNIN_DEVICE" },
  signup: { email: "RATE_LIMIT_SIGNUP_EMAIL", ip: "RATE_LIMIT_SIGNUP_IP" },
  resend: { email: "RATE_LIMIT_RESEND_EMAIL", ip: "RATE_LIMIT_RESEND_IP" },
  reset: { email: "RATE_LIMIT_RESET_EMAIL", ip: "RATE_LIMIT_RESET_IP", device: "RATE_LIMIT_RESET_DEVICE" },
  "reset-confirm": {
    email: "RATE_LIMIT_RESET_CONFIRM_EMAIL",
    ip: "RATE_LIMIT_RESET_CONFIRM_IP",
    device: "RATE_LIMIT_RESET_CONFIRM_DEVICE",
  },
  // Guessing the emailed sign-up code is the same kind of guess as the reset code: same limits.
  // No device counter: nobody has signed in to an unconfirmed account, so no browser is known.
  "signup-confirm": { email: "RATE_LIMIT_RESET_CONFIRM_EMAIL", ip: "RATE_LIMIT_RESET_CONFIRM_IP" },
  api: { user: "RATE_LIMIT_API_USER" },
  // Each invitation can send an email to a stranger: a daily cap per inviting user.
  invite: { user: "RATE_LIMIT_INVITE_USER" },
};

/**
 * IPv6 users each get a /64 (or more), so counting single IPv6 addresses would let one of them
 * rotate through billions: an IPv6 address counts as its /64 prefix.
 */
export function addressScope(ip: string): string {
  const address = ip.trim().toLowerCase();
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.split("::", 2);
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** The counter's id; keyed with APP_SECRET so the table holds no emails or addresses. */
export function limitCounterId(action: LimitedAction, dimension: Dimension, value: string): string {
  const plain = dimension === "ip" ? addressScope(value) : value;
  const digest = createHmac("sha256", getEnv().APP_SECRET).update(plain).digest("hex").slice(0, 32);
  return `${action}:${dimension}:${digest}`;
}

/** Counts this attempt against each of the action's limits and says whether it may go ahead. */
export async function checkRateLimits(
  action: LimitedAction,
  subject: LimitSubject,
  nowMs = Date.now(),
): Promise<LimitVerdict> {
  const env = getEnv();
  if (env.RATE_LIMITS === "off") return { allowed: true };
  const now = nowMs / 1000;
  const settings = SETTINGS[action];
  // A known device counts only on its own counter: what strangers spend cannot stop it.
  const device = settings.device ? trustedDeviceFor(subject.devices, subject.email) : null;
  const values: Partial<Record<Dimension, string>> = device
    ? { device }
    : { email: subject.email, ip: subject.ip, user: subject.user };
  const checks = Object.entries(settings).flatMap(([dimension, name]) => {
    const value = values[dimension as Dimension];
    if (!value) return [];
    const limit = env[name];
    const windowStart = Math.floor(now / limit.windowSeconds) * limit.windowSeconds;
    const key = { id: limitCounterId(action, dimension as Dimension, value), windowStart };
    return [{ key, limit, windowEnd: windowStart + limit.windowSeconds }];
  });
  let counts: number[];
  try {
    counts = await Promise.all(checks.map(({ key, windowEnd }) => incrementCounter(key, windowEnd)));
  } catch (error) {
    // Fail open: an outage of the limits table must not lock everyone out of their accounts;
    // Cognito's own limits still apply meanwhile.
    if (!(error instanceof ServiceUnavailableError)) throw error;
    console.warn("Rate limits not applied (limits table unavailable):", action, error.cause ?? error);
    return { allowed: true };
  }
  let retryAfterSeconds = 0;
  checks.forEach(({ limit, windowEnd }, index) => {
    if ((counts[index] ?? 0) > limit.max)
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.max(1, Math.ceil(windowEnd - now)));
  });
  return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
}

/** checkRateLimits for services: a refusal is a TooManyAttemptsError carrying the wait. */
export async function enforceRateLimits(action: LimitedAction, subject: LimitSubject): Promise<void> {
  const verdict = await checkRateLimits(action, subject);
  if (!verdict.allowed) throw new TooManyAttemptsError(verdict.retryAfterSeconds);
}
