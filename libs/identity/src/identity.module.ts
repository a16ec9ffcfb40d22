import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Tenant } from '@app/common';
import { AccessGuard } from './access/access.guard.js';
import { Authenticator } from './access/authenticator.js';
import {
  DEFAULT_SESSION_CACHE_MS,
  SESSION_CACHE_MS,
  SessionCache,
} from './access/session-cache.js';
import { ApiTokenResolver } from './api-tokens/api-token.resolver.js';
import { ApiTokenService } from './api-tokens/api-token.service.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { AuditService } from './audit/audit.service.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { AuthService } from './auth/auth.service.js';
import { JWT_SECRET, TokenService } from './auth/token.service.js';
import { MembersResolver } from './members/members.resolver.js';
import { MembersService } from './members/members.service.js';
import { OrganizationResolver } from './organization/organization.resolver.js';
import { OrganizationService } from './organization/organization.service.js';

/**
 * Sign-up and sign-in, sessions and API tokens, memberships and roles, organization settings, the
 * audit log, and the access guard.
 */
@Module({})
export class IdentityModule {
  /** `sessionCacheMs`: SESSION_CACHE_MS (see session-cache.ts) */
  static forRoot(jwtSecret: string, options: { sessionCacheMs?: number } = {}): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      providers: [
        { provide: JWT_SECRET, useValue: jwtSecret },
        {
          provide: SESSION_CACHE_MS,
          useValue: options.sessionCacheMs ?? DEFAULT_SESSION_CACHE_MS,
        },
        SessionCache,
        { provide: APP_GUARD, useClass: AccessGuard },
        Tenant,
        TokenService,
        Authenticator,
        AuthService,
        AuthResolver,
        MembersService,
        MembersResolver,
        OrganizationService,
        OrganizationResolver,
        ApiTokenService,
        ApiTokenResolver,
        AuditService,
        AuditResolver,
      ],
      exports: [Tenant, TokenService, Authenticator, AuthService],
    };
  }
}
