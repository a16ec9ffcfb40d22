import { isSubTask, isSubTaskType } from './sub-task.js';

describe('sub-tasks by issue type', () => {
  it.each(['Sub-task', 'sub-task', 'SUBTASK', 'Subtask', ' Sub-Task '])('%s is a sub-task', (t) => {
    expect(isSubTaskType(t)).toBe(true);
    expect(isSubTask({ type: t, hasParent: false })).toBe(true);
  });

  it.each(['Task', 'Story', 'Sub task', 'Subtasks', 'Bug'])('%s is not', (t) => {
    expect(isSubTaskType(t)).toBe(false);
    expect(isSubTask({ type: t, hasParent: false })).toBe(false);
  });

  it('a ticket with a parent carries no effort of its own, whatever its type', () => {
    expect(isSubTask({ type: 'Task', hasParent: true })).toBe(true);
  });
});
