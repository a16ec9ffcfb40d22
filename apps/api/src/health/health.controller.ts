import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { Database } from '@app/database';
import { Access } from '@app/identity';

/** Liveness (the process answers) and readiness (database reachable, migrations applied). */
@Controller('health')
export class HealthController {
  constructor(@Inject(Database) private readonly db: Database) {}

  @Access('PUBLIC')
  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  @Access('PUBLIC')
  @Get('ready')
  async ready() {
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
