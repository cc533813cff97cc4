import { randomUUID } from "node:crypto";

/** A user id nobody else in the run has, so tests never see each other's tasks. */
export function newOwnerId(): string {
  return `test-${randomUUID()}`;
}

export function taskFields(overrides: Record<string, string> = {}): Record<string, string> {
  return { title: `Task ${randomUUID().slice(0, 8)}`, description: "", status: "todo", ...overrides };
}
