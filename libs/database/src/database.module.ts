import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Env } from '@app/config';
import { Database } from './database.js';

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** Graceful shutdown: close the pool, then stop the embedded server if we started one. */
  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

/**
 * Opens the database (embedded when DATABASE_URL is unset), applies pending migrations under an
 * advisory lock, and closes everything on shutdown.
 */
@Global()
@Module({})
export class DatabaseModule {
  /**
   * `database`: one the caller opened already (the API and the CLI do, so that a database that
   * cannot start is reported before Nest starts, as one line without a stack trace).
   */
  static forRoot(
    env: Env,
    options: { migrate?: boolean; database?: Database } = {},
  ): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: Database,
          useFactory: async () => {
            const logger = new Logger('Database');
            const db =
              options.database ??
              (await Database.open(env, {
                log: (m) => logger.log(m),
                warn: (m) => logger.warn(m),
                error: (m) => logger.error(m),
              }));
            if (options.migrate ?? true) {
              const ran = await db.migrate();
              if (ran.length) logger.log(`applied migrations: ${ran.join(', ')}`);
            }
            return db;
          },
        },
        DatabaseLifecycle,
      ],
      exports: [Database],
    };
  }
}
