/**
 * The task model without its validation library, so browser code can use it for nothing.
 */
export const TASK_STATUSES = ["todo", "in_progress", "done"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;

export interface Task {
  id: string;
  owner: string;
  title: string;
  description: string;
  status: TaskStatus;
  createdAt: string;
  updatedAt: string;
  version: number;
}
