export * from './delivery.module.js';
