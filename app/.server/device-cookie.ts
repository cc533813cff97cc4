import { createCookie, type AppLoadContext } from "@remix-run/node";
import { isLocalStage } from "#src/env.ts";
import { DEVICE_COOKIE_SECONDS, DEVICE_ENTRIES_MAX } from "#src/limits/device-trust.ts";
import type { RequestClient } from "#src/limits/rate-limit-service.ts";

/**
 * The device cookie (src/limits/device-trust.ts): the entries that make this browser known to
 * the accounts signed in here, so a stranger guessing at one of them cannot lock it out. Each
 * entry is signed on its own, so the cookie needs no signature. Long-lived, HttpOnly, Secure,
 * SameSite=Lax; deployed, the __Host- prefix keeps sibling subdomains from planting one. It
 * stays at sign-out: the browser is still one the owner used.
 */
let deviceCookie: ReturnType<typeof createCookie> | undefined;

function getDeviceCookie() {
  deviceCookie ??= createCookie(isLocalStage() ? "device" : "__Host-device", {
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    maxAge: DEVICE_COOKIE_SECONDS,
  });
  return deviceCookie;
}

async function readDeviceEntries(request: Request): Promise<string[]> {
  const value: unknown = await getDeviceCookie()
    .parse(request.headers.get("Cookie"))
    .catch(() => null);
  if (!Array.isArray(value)) return [];
  return value
    .filter((entry): entry is string => typeof entry === "string" && entry.length <= 128)
    .slice(0, DEVICE_ENTRIES_MAX);
}

/** Who is asking, for the rate limits: the address the Lambda worked out and the device cookie. */
export async function requestClient(request: Request, context: AppLoadContext): Promise<RequestClient> {
  return { ip: context.clientIp, devices: await readDeviceEntries(request) };
}

export function commitDeviceCookie(entries: readonly string[]): Promise<string> {
  return getDeviceCookie().serialize(entries);
}
