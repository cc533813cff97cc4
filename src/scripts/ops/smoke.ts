// `npm run smoke -- <app url> [<raw API url>]`: after a deploy, checks from outside that the
// stack answers as designed. One line per check (PASS, FAIL or SKIP), exit 1 on any FAIL.
//
//   npm run smoke -- https://d111.cloudfront.net https://abc123.execute-api.us-east-1.amazonaws.com
//   npm run smoke -- https://tasks.example.com --api-url https://abc123.execute-api.us-east-1.amazonaws.com
//   npm run smoke -- https://tasks.example.com --ws-url wss://def456.execute-api.us-east-1.amazonaws.com/production
//
// The URLs are stack outputs `arc deploy` prints: CDN (or AppURL), API and WSS (the live
// updates' WebSocket API; without --ws-url the app's own host is tried, as under arc sandbox).
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { parseArgs } from "node:util";

export type Outcome = "PASS" | "FAIL" | "SKIP";
export interface CheckResult {
  name: string;
  outcome: Outcome;
  detail: string;
}

const YEAR = 31_536_000;
const HOUR = 3600;
const TIMEOUT_MS = 15_000;

function get(url: URL, redirect: RequestRedirect = "follow"): Promise<Response> {
  return fetch(url, {
    redirect,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    headers: { "user-agent": "task-tracker-smoke" },
  });
}

/** max-age of a Cache-Control value, or undefined. */
function maxAge(cacheControl: string | null): number | undefined {
  const match = /(?:^|,)\s*max-age=(\d+)/i.exec(cacheControl ?? "");
  return match ? Number(match[1]) : undefined;
}

/** A check that throws (network, timeout) fails with the error's message instead of stopping the run. */
async function check(name: string, run: () => Promise<Omit<CheckResult, "name">>): Promise<CheckResult> {
  try {
    return { name, ...(await run()) };
  } catch (error) {
    // fetch says only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, a timeout).
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return { name, outcome: "FAIL", detail: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}

const pass = (detail: string) => ({ outcome: "PASS" as const, detail });
const fail = (detail: string) => ({ outcome: "FAIL" as const, detail });

/** The security headers a page must carry; the names of those missing. */
export function missingSecurityHeaders(headers: Headers, https: boolean): string[] {
  const missing: string[] = [];
  const csp = headers.get("content-security-policy");
  if (headers.get("x-content-type-options")?.toLowerCase() !== "nosniff")
    missing.push("X-Content-Type-Options: nosniff");
  const frameOptions = headers.get("x-frame-options")?.toUpperCase();
  if (frameOptions !== "DENY" && frameOptions !== "SAMEORIGIN" && !/frame-ancestors/i.test(csp ?? "")) {
    missing.push("X-Frame-Options or CSP frame-ancestors");
  }
  if (!csp) missing.push("Content-Security-Policy");
  if (https && !(maxAge(headers.get("strict-transport-security")) ?? 0)) missing.push("Strict-Transport-Security");
  return missing;
}

/**
 * Opens a WebSocket handshake with a made-up ticket and says how it was answered: the status of
 * a refusal, or 101 when a socket opened (it is closed at once).
 */
function handshake(url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    target.protocol = url.protocol === "wss:" ? "https:" : "http:";
    target.searchParams.set("t", "smoke-made-up-ticket");
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(target, {
      timeout: TIMEOUT_MS,
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64"),
        "user-agent": "task-tracker-smoke",
      },
    });
    request.on("upgrade", (_response, socket) => {
      socket.destroy();
      resolve(101);
    });
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    request.on("error", reject);
    request.end();
  });
}

export async function runSmoke(appUrl: string, apiUrl?: string, wsUrl?: string): Promise<CheckResult[]> {
  const base = new URL(appUrl);
  const results: CheckResult[] = [];
  results.push(
    await check("healthcheck", async () => {
      const response = await get(new URL("/healthcheck", base));
      await response.body?.cancel();
      return response.status === 200
        ? pass(`GET /healthcheck answered 200`)
        : fail(`GET /healthcheck answered ${response.status}, expected 200`);
    }),
  );

  // The sign-in page is public: its headers and the assets it links.
  let page: { headers: Headers; html: string } | undefined;
  results.push(
    await check("security headers", async () => {
      const response = await get(new URL("/login", base));
      page = { headers: response.headers, html: await response.text() };
      if (response.status !== 200) return fail(`GET /login answered ${response.status}, expected 200`);
      const missing = missingSecurityHeaders(response.headers, base.protocol === "https:");
      return missing.length === 0
        ? pass(`GET /login carries nosniff, framing, CSP${base.protocol === "https:" ? " and HSTS" : ""}`)
        : fail(`GET /login lacks ${missing.join(", ")}`);
    }),
  );

  results.push(
    await check("static asset", async () => {
      const asset = /["'](\/_static\/assets\/[^"'?#]+)["']/.exec(page?.html ?? "")?.[1];
      if (!asset) return fail("no /_static/assets/ file linked from /login");
      const response = await get(new URL(asset, base));
      await response.body?.cancel();
      const cacheControl = response.headers.get("cache-control");
      if (response.status !== 200) return fail(`GET ${asset} answered ${response.status}, expected 200`);
      // Hashed names never change content: a year, immutable.
      return (maxAge(cacheControl) ?? 0) >= YEAR && /immutable/i.test(cacheControl ?? "")
        ? pass(`GET ${asset} answered 200 with Cache-Control: ${cacheControl}`)
        : fail(
            `GET ${asset} answered 200 with Cache-Control: ${cacheControl ?? "(none)"}, expected max-age=${YEAR}, immutable`,
          );
    }),
  );

  results.push(
    await check("unhashed static file", async () => {
      const response = await get(new URL("/_static/favicon.svg", base));
      await response.body?.cancel();
      const cacheControl = response.headers.get("cache-control");
      const age = maxAge(cacheControl);
      if (response.status !== 200) return fail(`GET /_static/favicon.svg answered ${response.status}, expected 200`);
      return age !== undefined && age <= HOUR
        ? pass(`GET /_static/favicon.svg answered 200 with Cache-Control: ${cacheControl}`)
        : fail(
            `GET /_static/favicon.svg answered 200 with Cache-Control: ${cacheControl ?? "(none)"}, expected max-age <= ${HOUR}`,
          );
    }),
  );

  results.push(
    await check("live socket", async () => {
      const url = new URL(wsUrl ?? appUrl);
      if (!wsUrl) url.protocol = base.protocol === "https:" ? "wss:" : "ws:";
      // Our $connect runs and refuses a ticket it did not sign: the WebSocket API is there and
      // reaches its Lambda. A socket that opens without a valid ticket is a failure.
      const status = await handshake(url);
      if (status === 101) return fail(`${url.origin} opened a socket for a made-up ticket`);
      return status === 401
        ? pass(`${url.origin} refused a made-up ticket with 401 (the WebSocket API reaches $connect)`)
        : fail(`${url.origin} answered the WebSocket handshake with ${status}, expected 401 from $connect`);
    }),
  );

  if (!apiUrl) {
    results.push({
      name: "raw API URL",
      outcome: "SKIP",
      detail: "no API URL given (second argument or --api-url: the stack output API)",
    });
  } else {
    results.push(
      await check("raw API URL", async () => {
        // Straight to API Gateway, without CloudFront's secret header: the app must refuse.
        const response = await get(new URL("/healthcheck", apiUrl), "manual");
        await response.body?.cancel();
        return response.status === 403
          ? pass(`GET ${new URL("/healthcheck", apiUrl).href} answered 403 (no CloudFront secret)`)
          : fail(`GET ${new URL("/healthcheck", apiUrl).href} answered ${response.status}, expected 403`);
      }),
    );
  }
  return results;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { "api-url": { type: "string" }, "ws-url": { type: "string" } },
  });
  const [appUrl, positionalApiUrl, ...extra] = positionals;
  const apiUrl = values["api-url"] ?? positionalApiUrl;
  if (!appUrl || extra.length > 0 || (values["api-url"] && positionalApiUrl)) {
    console.error(
      "Usage: npm run smoke -- <app url> [<raw API url> | --api-url <raw API url>] [--ws-url <WebSocket API url>]",
    );
    process.exit(2);
  }
  for (const url of [appUrl, apiUrl, values["ws-url"]]) {
    if (url !== undefined && !URL.canParse(url)) {
      console.error(`Not a URL: ${url}`);
      process.exit(2);
    }
  }
  const results = await runSmoke(appUrl, apiUrl, values["ws-url"]);
  for (const { name, outcome, detail } of results) console.log(`${outcome} ${name}: ${detail}`);
  const count = (outcome: Outcome) => results.filter((r) => r.outcome === outcome).length;
  console.log(`${count("PASS")} passed, ${count("FAIL")} failed, ${count("SKIP")} skipped`);
  process.exitCode = count("FAIL") > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
