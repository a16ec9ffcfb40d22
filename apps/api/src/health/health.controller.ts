import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { Database } from '@app/database';
import { Access } from '@app/identity';
import { StartUp } from './start-up.js';

/**
 * Liveness (the process answers) and readiness (the start has finished, the database is
 * reachable and its migrations applied).
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(StartUp) private readonly startUp: StartUp,
  ) {}

  @Access('PUBLIC')
  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  @Access('PUBLIC')
  @Get('ready')
  async ready() {
    const starting = this.startUp.pending;
    if (starting) {
      throw new ServiceUnavailableException({
        status: 'unavailable',
        reason: `starting: ${starting}`,
      });
    }
    try {
      await this.db.transaction({ organizationId: null }, (em) => em.query('SELECT 1'));
      if (await this.db.hasPendingMigrations()) {
        throw new ServiceUnavailableException({
          status: 'unavailable',
          reason: 'migrations pending',
        });
      }
    } catch (error) {
      if (error instanceof ServiceUnavailableException) throw error;
      throw new ServiceUnavailableException({
        status: 'unavailable',
        reason: 'database unreachable',
      });
    }
    return { status: 'ok', database: 'ok', migrations: 'applied' };
  }
}
