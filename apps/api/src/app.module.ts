import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import {
  createValidationPipe,
  EventsModule,
  FreshLoadersAfterWrite,
  HttpDomainErrorFilter,
  OperationNameForAudit,
  RateLimits,
  RateLimitsModule,
  resolveSecretsKey,
  SecretsModule,
} from '@app/common';
import type { Env } from '@app/config';
import { AlignmentModule } from '@app/alignment';
import { DatabaseModule, type Database } from '@app/database';
import { DeliveryModule } from '@app/delivery';
import { Authenticator, IdentityModule, resolveJwtSecret } from '@app/identity';
import { IntegrationsModule, SourceWorkersModule } from '@app/integrations';
import { DemoModule, ExportsModule, PlanEventsAfterWrite, PlanningModule } from '@app/planning';
import { StrategyModule } from '@app/strategy';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { graphqlOptions } from './graphql.options.js';
import { connectionAuthenticator } from './live-auth.js';
import { LiveConnections, LiveConnectionsModule } from './live-connections.js';
import { liveOptions } from './live-options.js';
import { LIVE_OPTIONS, LiveServer } from './live-server.js';
import { queryBudget } from './limits/query-budget.js';
import { HealthController } from './health/health.controller.js';
import { StartUp } from './health/start-up.js';
import { MetricsModule } from './observability/metrics.module.js';

/** The composition root: configuration, database, GraphQL, security and the feature modules. */
@Module({})
export class AppModule {
  /** `database`: opened by the caller (main.ts), else opened here */
  static forRoot(env: Env, options: { database?: Database } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot(env, { database: options.database }),
        IdentityModule.forRoot(resolveJwtSecret(env), { sessionCacheMs: env.sessionCacheMs }),
        SecretsModule.forRoot(resolveSecretsKey(env)),
        EventsModule.forRoot(env),
        RateLimitsModule.forRoot(env),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [LiveConnectionsModule],
          inject: [Authenticator, RateLimits],
          useFactory: (authenticator: Authenticator, limits: RateLimits) =>
            graphqlOptions(env, { spendQueryCost: queryBudget(authenticator, limits) }),
        }),
        LiveConnectionsModule,
        StrategyModule,
        DeliveryModule,
        IntegrationsModule,
        SourceWorkersModule,
        AlignmentModule,
        PlanningModule,
        ExportsModule,
        DemoModule,
        MetricsModule.forRoot(env),
        DashboardModule.forRoot(),
      ],
      controllers: [HealthController],
      providers: [
        StartUp,
        // live connections (graphql-ws) on the GraphQL path, under the same limits
        {
          provide: LIVE_OPTIONS,
          inject: [Authenticator, RateLimits, LiveConnections],
          useFactory: (authenticator: Authenticator, limits: RateLimits, live: LiveConnections) =>
            liveOptions(env, {
              authenticate: connectionAuthenticator(authenticator),
              spendQueryCost: queryBudget(authenticator, limits),
              connections: live,
            }),
        },
        LiveServer,
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpDomainErrorFilter },
        // every mutation of every module clears the request's DataLoaders once it has written
        { provide: APP_INTERCEPTOR, useClass: FreshLoadersAfterWrite },
        // every write names its operation for the audit log (after the guard has set the actor)
        { provide: APP_INTERCEPTOR, useClass: OperationNameForAudit },
        // after every write, whatever module made it: live events when an open cycle's plan changed
        { provide: APP_INTERCEPTOR, useExisting: PlanEventsAfterWrite },
      ],
    };
  }
}
