import { createHash, randomBytes } from "node:crypto";

/**
 * The browser-security headers every response of the app carries (pages, resource routes, the
 * JSON API, errors, redirects and the handler's own refusals), from the Lambda and from the dev
 * server alike. Framework-free: the Lambda handler, entry.server and the Vite dev server share it.
 *
 * Scripts run only with this response's nonce ('strict-dynamic' lets them load the modules they
 * import), so an injected <script> or inline handler never runs.
 */

/** 128 random bits, fresh for every response. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/** The sha256 source for an inline <style> block we serve ourselves (the plain refusal pages). */
export function styleHash(css: string): string {
  return `'sha256-${createHash("sha256").update(css).digest("base64")}'`;
}

export interface PolicyOptions {
  /**
   * `npm run dev`: Vite's dev server inlines critical CSS in <style> (no nonce) and keeps an
   * HMR websocket open. Never set in a build.
   */
  development?: boolean;
  /** Hashes (styleHash) of inline <style> blocks this response carries. */
  styleHashes?: readonly string[];
}

/**
 * Deployed, the live-updates socket (src/live/) is API Gateway's WebSocket API on its own host,
 * which Architect names in ARC_WSS_URL; under sandbox it is the page's own host ('self').
 */
function liveSocketSource(): string {
  const url = process.env.ARC_WSS_URL;
  return url?.startsWith("wss://") && URL.canParse(url) ? ` ${new URL(url).origin}` : "";
}

export function contentSecurityPolicy(nonce: string, options: PolicyOptions = {}): string {
  const styles = options.development ? ["'self'", "'unsafe-inline'"] : ["'self'", ...(options.styleHashes ?? [])];
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src ${styles.join(" ")}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${liveSocketSource()}${options.development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** What the app keeps to itself: no camera, microphone, location, payment or similar APIs. */
export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "midi=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "browsing-topics=()",
].join(", ");

export function securityHeaders(nonce: string, options: PolicyOptions = {}): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(nonce, options),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS_POLICY,
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
  };
}
