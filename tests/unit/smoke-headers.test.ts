import { expect, test } from "vitest";
import { missingSecurityHeaders } from "#src/scripts/ops/smoke.ts";

const ALL = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "content-security-policy": "default-src 'self'",
  "strict-transport-security": "max-age=63072000; includeSubDomains",
};
const without = (name: keyof typeof ALL, extra: Record<string, string> = {}) => {
  const headers = new Headers({ ...ALL, ...extra });
  headers.delete(name);
  return headers;
};

test("a page with nosniff, framing, a CSP and HSTS lacks nothing; HSTS is only asked of https", () => {
  expect(missingSecurityHeaders(new Headers(ALL), true)).toEqual([]);
  expect(missingSecurityHeaders(without("strict-transport-security"), false)).toEqual([]);
  expect(missingSecurityHeaders(without("strict-transport-security"), true)).toEqual(["Strict-Transport-Security"]);
});

test("each missing header is named; CSP frame-ancestors stands in for X-Frame-Options", () => {
  expect(missingSecurityHeaders(without("x-content-type-options"), true)).toEqual(["X-Content-Type-Options: nosniff"]);
  expect(missingSecurityHeaders(without("x-frame-options"), true)).toEqual(["X-Frame-Options or CSP frame-ancestors"]);
  expect(
    missingSecurityHeaders(without("x-frame-options", { "content-security-policy": "frame-ancestors 'none'" }), true),
  ).toEqual([]);
  expect(missingSecurityHeaders(without("content-security-policy"), true)).toEqual(["Content-Security-Policy"]);
  expect(missingSecurityHeaders(new Headers(), true)).toEqual([
    "X-Content-Type-Options: nosniff",
    "X-Frame-Options or CSP frame-ancestors",
    "Content-Security-Policy",
    "Strict-Transport-Security",
  ]);
});
