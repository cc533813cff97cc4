import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, expect, test } from "vitest";
import { optionsMenuInnerHtml } from "#app/components/options-menu-html.ts";
import { serverHtml } from "#app/components/server-html.ts";
import { StatusBadge } from "#app/components/status-badge.tsx";
import { PriorityBadge } from "#app/components/task-badges.tsx";
import { OptionsMenu } from "#app/components/task-row.tsx";
import { PRIORITY_OPTIONS, STATUS_OPTIONS } from "#app/task-display.ts";
import { TASK_PRIORITIES, TASK_STATUSES } from "#src/tasks/task-constants.ts";

// The server writes a row's status and priority menus as strings, and the browser hydrates them
// with OptionsMenu's JSX: a difference would make React throw the page's markup away. The string
// must be what React itself writes for that JSX, for every value and any title.

const registered = serverHtml.optionsMenu;
afterEach(() => {
  serverHtml.optionsMenu = registered;
});

const TITLES = ["Buy milk", `Tom & "Jerry's" <b>café</b> “quoted”`];

function jsx(field: "status" | "priority", current: string, label: string): string {
  serverHtml.optionsMenu = undefined; // the JSX, as in the browser
  const element =
    field === "status"
      ? createElement(OptionsMenu, {
          name: "status",
          options: STATUS_OPTIONS,
          current: current as (typeof TASK_STATUSES)[number],
          label,
          summary: createElement(StatusBadge, { status: current as (typeof TASK_STATUSES)[number] }),
        })
      : createElement(OptionsMenu, {
          name: "priority",
          options: PRIORITY_OPTIONS,
          current: current as (typeof TASK_PRIORITIES)[number],
          label,
          summary: createElement(PriorityBadge, { priority: current as (typeof TASK_PRIORITIES)[number] }),
        });
  return renderToString(element);
}

function server(field: "status" | "priority", current: string, label: string): string {
  serverHtml.optionsMenu = registered;
  return renderToString(createElement(OptionsMenu, { name: field, options: [], current, label, summary: null }));
}

test("loading the module registers the menu for the server's render", () => {
  expect(registered).toBe(optionsMenuInnerHtml);
});

test.each(TITLES.flatMap((title) => TASK_STATUSES.map((status) => [title, status])))(
  "the status menu of “%s” at %s is the JSX's markup",
  (title, status) => {
    const label = `Status of “${title}”: ${status}. Change status`;
    const written = server("status", status, label);
    expect(written).toContain('aria-pressed="true"');
    expect(written).toBe(jsx("status", status, label));
  },
);

test.each(TITLES.flatMap((title) => TASK_PRIORITIES.map((priority) => [title, priority])))(
  "the priority menu of “%s” at %s is the JSX's markup",
  (title, priority) => {
    const label = `Priority of “${title}”: ${priority}. Change priority`;
    const written = server("priority", priority, label);
    expect(written).toContain(`data-priority="${priority}"`);
    expect(written).toBe(jsx("priority", priority, label));
  },
);
