import { Module, type DynamicModule } from '@nestjs/common';
import { EventsModule, RateLimitsModule, resolveSecretsKey, SecretsModule } from '@app/common';
import type { Env } from '@app/config';
import { Database, DatabaseModule } from '@app/database';
import { IdentityModule, resolveJwtSecret } from '@app/identity';
import { IntegrationsModule } from '@app/integrations';
import { DemoModule, PlanLoadModule } from '@app/planning';

/** The services the CLI drives: the same modules as the API, without HTTP or GraphQL. */
@Module({})
export class CliModule {
  /** `database`: opened by the caller (main.ts, so a database that cannot start is one line) */
  static forRoot(env: Env, database?: Database): DynamicModule {
    return {
      module: CliModule,
      imports: [
        DatabaseModule.forRoot(env, { database }),
        // the CLI calls the services in-process, never rate limited: the limits stay unused here
        RateLimitsModule.forRoot({ ...env, redisUrl: null }),
        IdentityModule.forRoot(resolveJwtSecret(env), { sessionCacheMs: env.sessionCacheMs }),
        // the same key as the server's (SECRETS_KEY or DATA_DIR), for commands on ticket sources
        SecretsModule.forRoot(resolveSecretsKey(env)),
        // a sync from the CLI tells the servers' live views through Redis when REDIS_URL is set
        EventsModule.forRoot(env),
        IntegrationsModule,
        // plan imports store the baseline of an ACTIVE cycle they load without one
        PlanLoadModule,
        // seed-demo replays the demo's history through the planning services too
        DemoModule,
      ],
    };
  }
}
