export * from './planning.module.js';
export * from './planning.service.js';
export * from './planning.types.js';
export * from './live.types.js';
export * from './loaded-baselines.js';
export * from './exports/exports.module.js';
export * as displayFormat from './exports/display-format.js';
export * from './demo/demo.module.js';
export * from './demo/demo-seeder.js';
