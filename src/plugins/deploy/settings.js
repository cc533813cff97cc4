// @ts-check
// The stage's `arc env` settings that shape the stack, checked before anything is built: a
// malformed one stops the deploy with a message naming it.

/** AWS WAF's rate-based rule: requests per client IP in a 5-minute window, when WAF_ENABLED. */
export const DEFAULT_WAF_RATE_LIMIT = 1000;

/**
 * `arc env` names only this plugin reads: they shape the stack, the Lambda never needs them.
 * (SES_FROM_EMAIL shapes the stack and the Lambda reads it too: invitations to lists are sent
 * from it, src/lists/membership-service.ts.)
 */
export const TEMPLATE_SETTINGS = [
  "CUSTOM_DOMAIN",
  "CUSTOM_DOMAIN_CERTIFICATE_ARN",
  "ALARM_EMAIL",
  "RESERVED_CONCURRENCY",
  "WAF_ENABLED",
  "WAF_RATE_LIMIT",
];

/** @typedef {ReturnType<typeof readSettings>} Settings */

/**
 * Deployer settings from `arc env` for the stage (undefined when absent).
 * @param {any} inventory @param {string} stage
 */
export function readSettings(inventory, stage) {
  /** @type {Record<string, string>} */
  const env = inventory.inv._project.env?.aws?.[stage] ?? {};
  const domain = env.CUSTOM_DOMAIN;
  const certificateArn = env.CUSTOM_DOMAIN_CERTIFICATE_ARN;
  if (Boolean(domain) !== Boolean(certificateArn)) {
    throw new Error(
      `A custom domain needs both CUSTOM_DOMAIN and CUSTOM_DOMAIN_CERTIFICATE_ARN (arc env --env ${stage}).`,
    );
  }
  if (certificateArn && !/^arn:aws:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) {
    throw new Error(
      "CUSTOM_DOMAIN_CERTIFICATE_ARN must be an ACM certificate in us-east-1 (CloudFront only reads certificates there).",
    );
  }
  if (domain && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain)) {
    throw new Error(`CUSTOM_DOMAIN must be a lower-case host name such as tasks.example.com, not "${domain}".`);
  }
  const email = /^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/;
  const alarmEmail = env.ALARM_EMAIL || undefined;
  if (alarmEmail && !email.test(alarmEmail)) throw new Error(`ALARM_EMAIL is not an email address: "${alarmEmail}".`);
  const sesFromEmail = env.SES_FROM_EMAIL || undefined;
  if (sesFromEmail && !email.test(sesFromEmail)) {
    throw new Error(`SES_FROM_EMAIL is not an email address: "${sesFromEmail}".`);
  }
  /** @param {string} name @param {string | undefined} value @param {number} min @param {number} max */
  const integer = (name, value, min, max) => {
    if (value === undefined || value === "") return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${value}".`);
    }
    return number;
  };
  const wafEnabled = ["true", "1", "on", "yes"].includes((env.WAF_ENABLED ?? "").toLowerCase());
  if (env.WAF_ENABLED && !wafEnabled && !["false", "0", "off", "no"].includes(env.WAF_ENABLED.toLowerCase())) {
    throw new Error(`WAF_ENABLED is true or false, not "${env.WAF_ENABLED}".`);
  }
  return {
    /** @type {string | undefined} */
    domain,
    /** @type {string | undefined} */
    certificateArn,
    /** @type {string | undefined} */
    originVerifySecret: env.ORIGIN_VERIFY_SECRET,
    alarmEmail,
    // AWS's own ceiling is the account's concurrency limit; 1 would leave nothing for a second user.
    reservedConcurrency: integer("RESERVED_CONCURRENCY", env.RESERVED_CONCURRENCY, 2, 10_000),
    wafEnabled,
    // AWS WAF accepts 10 to 2,000,000,000 requests per 5 minutes.
    wafRateLimit: integer("WAF_RATE_LIMIT", env.WAF_RATE_LIMIT, 10, 2_000_000_000) ?? DEFAULT_WAF_RATE_LIMIT,
    sesFromEmail,
  };
}
