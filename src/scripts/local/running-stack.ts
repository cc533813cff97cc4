// Where `npm run dev` and `npm start` note the ports they were given, so that `npm run token`
// (another process, maybe another shell without the same variables) finds the same emulator.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface RunningStack {
  /** The process that started the app; a record whose process is gone is ignored. */
  pid: number;
  command: "npm run dev" | "npm start";
  http: number;
  cognito: number;
}

const root = path.resolve(import.meta.dirname, "../../..");

/** `.tmp/local-stack.json` of this checkout (LOCAL_STACK_RECORD names another file, for tests). */
export function runningStackFile(): string {
  return process.env.LOCAL_STACK_RECORD ?? path.join(root, ".tmp/local-stack.json");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function recordRunningStack(stack: Omit<RunningStack, "pid">): void {
  const file = runningStackFile();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ pid: process.pid, ...stack })}\n`);
}

/** Removes this process's record (not one a later start wrote). */
export function forgetRunningStack(): void {
  if (readRunningStack()?.pid === process.pid) rmSync(runningStackFile(), { force: true });
}

/** The app started from this checkout, if it is still running. */
export function readRunningStack(): RunningStack | undefined {
  let record: Partial<RunningStack>;
  try {
    record = JSON.parse(readFileSync(runningStackFile(), "utf8")) as Partial<RunningStack>;
  } catch {
    return undefined;
  }
  const { pid, command, http, cognito } = record;
  if (typeof pid !== "number" || typeof http !== "number" || typeof cognito !== "number") return undefined;
  if (!isAlive(pid)) return undefined;
  return { pid, command: command === "npm run dev" ? "npm run dev" : "npm start", http, cognito };
}
