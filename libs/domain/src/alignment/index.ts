export * from './alignment.types.js';
export * from './flow.js';
export * from './alignment-report.js';
export * from './largest-remainder.js';
export * from './explain.js';
export * from './ticket-effort.js';
export * from './tree.js';
export * from './sub-task.js';
