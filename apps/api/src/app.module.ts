import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { createValidationPipe, FreshLoadersAfterWrite, HttpDomainErrorFilter } from '@app/common';
import type { Env } from '@app/config';
import { AlignmentModule } from '@app/alignment';
import { DatabaseModule } from '@app/database';
import { DeliveryModule } from '@app/delivery';
import { IdentityModule, resolveJwtSecret } from '@app/identity';
import { IntegrationsModule } from '@app/integrations';
import { StrategyModule } from '@app/strategy';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { graphqlOptions } from './graphql.options.js';
import { HealthController } from './health/health.controller.js';

/** The composition root: configuration, database, GraphQL, security and the feature modules. */
@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot(env),
        IdentityModule.forRoot(resolveJwtSecret(env)),
        GraphQLModule.forRoot(graphqlOptions(env)),
        StrategyModule,
        DeliveryModule,
        IntegrationsModule,
        AlignmentModule,
        DashboardModule.forRoot(),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpDomainErrorFilter },
        // every mutation of every module clears the request's DataLoaders once it has written
        { provide: APP_INTERCEPTOR, useClass: FreshLoadersAfterWrite },
      ],
    };
  }
}
