export * from './context/actor.js';
export * from './context/request-context.js';
export * from './context/loader-registry.js';
export * from './context/tenant.js';
export * from './errors/format-error.js';
export * from './errors/validation-pipe.js';
export * from './pagination/page.js';
