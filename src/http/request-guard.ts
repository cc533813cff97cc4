import { timingSafeEqual } from "node:crypto";
import { styleHash } from "#src/http/security-headers.ts";

/**
 * Checks every request makes before the app sees it. Framework-free so the Lambda handler and
 * the dev server apply exactly the same rules.
 *
 * 1. Deployed stages only accept requests that came through our CloudFront distribution,
 *    which adds a secret x-origin-verify header; calls straight to API Gateway get 403.
 * 2. Cross-site request forgery: a request that can change data (anything but GET, HEAD,
 *    OPTIONS) must show it came from our own pages: its Origin must be ours or, without
 *    Origin, Sec-Fetch-Site must be same-origin. Current browsers send one of the two on every
 *    such request; one that sends neither is too old to honour SameSite either, so it is
 *    refused too. Scripts send `Origin: <the app's origin>`.
 */
export interface GuardConfig {
  /** scheme://host the app is served from, as the browser sees it. */
  expectedOrigin: string;
  /** Set in deployed stages: the value CloudFront must send in x-origin-verify. */
  originVerifySecret?: string;
  /** The value before the last rotation, accepted too while CloudFront's edges switch over. */
  previousOriginVerifySecret?: string;
  requireOriginVerify: boolean;
  /**
   * The request is to the JSON API, which reads no cookies (bearer tokens only): a forged
   * cross-site request carries no credentials, so only the CloudFront check applies.
   */
  bearerOnly?: boolean;
}

/** "origin": no valid CloudFront secret (the raw API URL); "cross-site": the CSRF check. */
export type GuardResult = { ok: true } | { ok: false; reason: string; check: "origin" | "cross-site" };

export { ORIGIN_REFUSED_EVENT } from "#src/shared-constants.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function checkRequest(
  method: string,
  header: (name: string) => string | undefined,
  config: GuardConfig,
): GuardResult {
  if (config.requireOriginVerify) {
    if (!config.originVerifySecret) {
      return { ok: false, reason: "origin verification is not configured", check: "origin" };
    }
    const given = header("x-origin-verify");
    const previous = config.previousOriginVerifySecret;
    if (!sameSecret(given, config.originVerifySecret) && !(previous && sameSecret(given, previous))) {
      return { ok: false, reason: "request did not come through CloudFront", check: "origin" };
    }
  }
  if (config.bearerOnly || SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  const origin = header("origin");
  if (origin !== undefined) {
    return origin === config.expectedOrigin
      ? { ok: true }
      : // The reason is logged: fixed words, never the header's value (the sender chose it).
        { ok: false, reason: "cross-origin request", check: "cross-site" };
  }
  const fetchSite = header("sec-fetch-site");
  if (fetchSite === "same-origin") return { ok: true };
  return {
    ok: false,
    reason: fetchSite ? "cross-site request" : "no Origin or Sec-Fetch-Site",
    check: "cross-site",
  };
}

// A <style> block rather than a style attribute: the content security policy allows it by hash.
const PLAIN_PAGE_STYLE = "body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem}";
export const PLAIN_PAGE_STYLE_HASH = styleHash(PLAIN_PAGE_STYLE);

function plainPage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Task Tracker</title><style>${PLAIN_PAGE_STYLE}</style></head><body><h1>${title}</h1><p>${message}</p></body></html>`;
}

export const BAD_REQUEST_HTML = plainPage(
  "Bad request",
  'This request could not be understood. Go back to <a href="/tasks">your tasks</a>.',
);

export const FORBIDDEN_HTML = plainPage(
  "Request refused",
  'This request did not come from Task Tracker\'s own pages, so it was not carried out. Go back to <a href="/tasks">your tasks</a> and try again.',
);
