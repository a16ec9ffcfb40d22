import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Tenant } from '@app/common';
import { AccessGuard } from './access/access.guard.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { AuthService } from './auth/auth.service.js';
import { JWT_SECRET, TokenService } from './auth/token.service.js';
import { MembersResolver } from './members/members.resolver.js';
import { MembersService } from './members/members.service.js';
import { OrganizationResolver } from './organization/organization.resolver.js';
import { OrganizationService } from './organization/organization.service.js';

/** Sign-up and sign-in, tokens, memberships and roles, organization settings, and the access guard. */
@Module({})
export class IdentityModule {
  static forRoot(jwtSecret: string): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      providers: [
        { provide: JWT_SECRET, useValue: jwtSecret },
        { provide: APP_GUARD, useClass: AccessGuard },
        Tenant,
        TokenService,
        AuthService,
        AuthResolver,
        MembersService,
        MembersResolver,
        OrganizationService,
        OrganizationResolver,
      ],
      exports: [Tenant, TokenService, AuthService],
    };
  }
}
