import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { dashboardHandler, findDashboardDir } from './dashboard.middleware.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Where `npm run build` puts the dashboard: dist/dashboard, found from the compiled server
 * (dist/apps/api/src/dashboard) or, when the server runs from source (tests), from the working
 * directory.
 */
export const DASHBOARD_DIRS = [
  resolve(here, '../../../../dashboard'),
  resolve(process.cwd(), 'dist/dashboard'),
];

const DASHBOARD_DIR = Symbol('DASHBOARD_DIR');

/** The leadership dashboard's static files at `/` (GraphQL, health and imports keep their paths). */
@Module({})
export class DashboardModule implements NestModule {
  constructor(@Inject(DASHBOARD_DIR) private readonly dir: string | null) {}

  static forRoot(candidates: string[] = DASHBOARD_DIRS): DynamicModule {
    return {
      module: DashboardModule,
      providers: [{ provide: DASHBOARD_DIR, useFactory: () => findDashboardDir(candidates) }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (!this.dir) {
      new Logger('Dashboard').warn('the dashboard is not built (npm run build): / serves nothing');
      return;
    }
    consumer.apply(dashboardHandler(this.dir)).forRoutes('{*path}');
  }
}
