/** The task list's single-key shortcuts, as the help dialog and the account page list them. */
export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ["n"], action: "New task (moves to the title field)" },
  { keys: ["/"], action: "Search" },
  { keys: ["j", "k"], action: "Next / previous task" },
  { keys: ["x"], action: "Select or unselect the current task" },
  { keys: ["Enter"], action: "Open the current task" },
  { keys: ["s", "1–3"], action: "Set status: 1 To do, 2 In progress, 3 Done" },
  { keys: ["p", "0–4"], action: "Set priority: 0 None … 4 Urgent" },
  { keys: ["Delete", "#"], action: "Delete the selected (or current) tasks, with undo" },
  { keys: ["z"], action: "Undo the last change" },
  { keys: ["?"], action: "Show these shortcuts" },
];
