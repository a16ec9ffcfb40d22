/** The issue types trackers use for sub-tasks (Jira: "Sub-task", older exports "Subtask"). */
const SUB_TASK_TYPE = /^sub-?task$/i;

/** An issue type that names a sub-task, case-insensitively (docs/design.md 4.3). */
export function isSubTaskType(type: string): boolean {
  return SUB_TASK_TYPE.test(type.trim());
}

/**
 * docs/design.md 1 and 2.1: a sub-task is kept, linked to its parent, and carries no effort of its own
 * (its parent counts). It is one by its issue type, or because the source names a parent for it,
 * whether or not that parent is known (imported) yet.
 */
export function isSubTask(ticket: { type: string; hasParent: boolean }): boolean {
  return ticket.hasParent || isSubTaskType(ticket.type);
}
