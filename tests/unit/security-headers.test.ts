import { expect, test } from "vitest";
import { contentSecurityPolicy, createNonce } from "#src/http/security-headers.ts";

const directive = (policy: string, name: string) => policy.split("; ").find((part) => part.startsWith(`${name} `));

test("nonces are 128 random bits, never repeated", () => {
  const nonces = new Set(Array.from({ length: 1000 }, () => createNonce()));
  expect(nonces.size).toBe(1000);
  for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
});

test("the dev server's policy adds only inline styles and websockets; scripts still need the nonce", () => {
  const built = contentSecurityPolicy("abc");
  const dev = contentSecurityPolicy("abc", { development: true });

  expect(directive(dev, "script-src")).toBe("script-src 'nonce-abc' 'strict-dynamic'");
  expect(directive(dev, "script-src")).toBe(directive(built, "script-src"));
  expect(directive(dev, "style-src")).toBe("style-src 'self' 'unsafe-inline'");
  expect(directive(built, "style-src")).toBe("style-src 'self'");
  expect(directive(dev, "connect-src")).toBe("connect-src 'self' ws: wss:");
  expect(directive(built, "connect-src")).toBe("connect-src 'self'");
  expect(built).not.toContain("unsafe");
});

test("deployed, the live-updates socket's host (ARC_WSS_URL) may be connected to, and no other", () => {
  const saved = process.env.ARC_WSS_URL;
  try {
    process.env.ARC_WSS_URL = "wss://abc123.execute-api.us-east-1.amazonaws.com/production";
    expect(directive(contentSecurityPolicy("abc"), "connect-src")).toBe(
      "connect-src 'self' wss://abc123.execute-api.us-east-1.amazonaws.com",
    );
    // Sandbox's ws:// URL names localhost, not the page's host: the socket uses the page's own ('self').
    process.env.ARC_WSS_URL = "ws://localhost:3333";
    expect(directive(contentSecurityPolicy("abc"), "connect-src")).toBe("connect-src 'self'");
  } finally {
    if (saved === undefined) delete process.env.ARC_WSS_URL;
    else process.env.ARC_WSS_URL = saved;
  }
});
