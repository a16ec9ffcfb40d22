import { Module, type DynamicModule } from '@nestjs/common';
import type { Env } from '@app/config';
import { Database, DatabaseModule } from '@app/database';
import { IdentityModule, resolveJwtSecret } from '@app/identity';
import { IntegrationsModule } from '@app/integrations';

/** The services the CLI drives: the same modules as the API, without HTTP or GraphQL. */
@Module({})
export class CliModule {
  /** `database`: opened by the caller (main.ts, so a database that cannot start is one line) */
  static forRoot(env: Env, database?: Database): DynamicModule {
    return {
      module: CliModule,
      imports: [
        DatabaseModule.forRoot(env, { database }),
        IdentityModule.forRoot(resolveJwtSecret(env)),
        IntegrationsModule,
      ],
    };
  }
}
