export * from './strategy.module.js';
export * from './goals/goal.type.js';
export * from './goals/goal.loaders.js';
export * from './vision/vision.type.js';
