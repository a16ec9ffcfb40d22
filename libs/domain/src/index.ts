// The pure core of Throughline: no framework, ORM or I/O imports (enforced by eslint).
export * from './errors/domain-error.js';
export * from './graph/find-path.js';
export * from './progress/key-result-progress.js';
export * from './progress/key-result-measure.js';
export * from './progress/objective-progress.js';
export * from './progress/goal-progress.js';
export * from './progress/kpi-health.js';
export * from './dates/calendar-date.js';
export * from './settings/organization-settings.js';
export * from './keys.js';
export * from './plan/plan.types.js';
export * from './plan/plan-reader.js';
export * from './plan/plan-references.js';
