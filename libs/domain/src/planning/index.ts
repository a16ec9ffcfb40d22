export * from './capacity.js';
export * from './projection.js';
export * from './retro.js';
export * from './sprints-in-cycle.js';
export * from './dependency-risk.js';
export * from './dependency-goals.js';
export * from './plan-inputs.js';
export * from './plan-figures.js';
