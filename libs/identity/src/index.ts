export * from './identity.module.js';
export * from './access/access.decorator.js';
export * from './access/current-actor.decorator.js';
export * from './identity.types.js';
export * from './auth/jwt-secret.js';
export * from './auth/token.service.js';
export * from './organization/organization-settings.type.js';
export * from './auth/auth.service.js';
