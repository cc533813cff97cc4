import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Structured logs: one JSON object per line (stdout, or stderr from WARN up), shaped like Lambda's own JSON log format
 * (timestamp, level, requestId, message), so CloudWatch Logs Insights finds every field as is.
 * Callers pass only what is safe to keep: never cookies, tokens, passwords, query strings or
 * task text (see logRequest and errorFields).
 */
export type LogLevel = "DEBUG" | "INFO" | "WARN" | "ERROR";

const RANK: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs one request with its id attached to every line logged while it runs. */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return requestScope.run({ requestId }, work);
}

// Lambda sets AWS_LAMBDA_LOG_LEVEL from the function's application log level; stdout bypasses
// its console filter, so the threshold is applied here (the tests set WARN to stay quiet).
function enabled(level: LogLevel): boolean {
  const threshold = process.env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase() as LogLevel | undefined;
  return RANK[level] >= (threshold && Object.hasOwn(RANK, threshold) ? RANK[threshold] : RANK.INFO);
}

export function writeLog(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  if (!enabled(level)) return;
  const requestId = requestScope.getStore()?.requestId;
  const line = { timestamp: new Date().toISOString(), level, ...(requestId ? { requestId } : {}), message, ...fields };
  // Lambda sends both streams to CloudWatch; locally, warnings and errors stand out on stderr.
  (RANK[level] >= RANK.WARN ? process.stderr : process.stdout).write(`${JSON.stringify(line)}\n`);
}

/** What an error log keeps: its class, message and stack (never the request that caused it). */
export function errorFields(error: unknown): { error: { name: string; message: string; stack?: string } } {
  if (error instanceof Error) {
    return { error: { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) } };
  }
  return { error: { name: typeof error, message: String(error) } };
}

export function logError(message: string, error: unknown, fields: Record<string, unknown> = {}): void {
  writeLog("ERROR", message, { ...fields, ...errorFields(error) });
}

/** Task ids (ULIDs, also in `.data` requests) become `:id`, so a route's lines group together. */
export function routeOf(path: string): string {
  return path.replace(/\/[0-9A-HJKMNP-TV-Z]{26}(?=[/.]|$)/gi, "/:id").slice(0, 200);
}

export interface RequestRecord {
  method: string;
  /** The path only: query strings can hold search text. */
  path: string;
  status: number;
  latencyMs: number;
  /** Why the request guard refused it, when it did. */
  refused?: string;
}

/** The one line per request: request id, method, route, status and latency. */
export function logRequest({ method, path, status, latencyMs, refused }: RequestRecord): void {
  writeLog(status >= 500 ? "ERROR" : refused ? "WARN" : "INFO", "request", {
    method,
    route: routeOf(path),
    status,
    latencyMs: Math.round(latencyMs * 10) / 10,
    ...(refused ? { refused } : {}),
  });
}
