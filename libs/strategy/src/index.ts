export * from './strategy.module.js';
