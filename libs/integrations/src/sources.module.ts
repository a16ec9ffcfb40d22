import { Module } from '@nestjs/common';
import { EventWorker } from './sources/event-worker.service.js';
import { QueueDepthGauge } from './sources/queue-depth.gauge.js';
import { SyncWorker } from './sources/sync-worker.service.js';
import { IntegrationsModule } from './integrations.module.js';

/**
 * The workers of the live sources: applying stored webhook events and the scheduled
 * reconciliations. Only the API server runs them (the CLI does not), on every replica: pg-boss
 * hands each job to one of them. With them, the queue-depth gauge of /metrics.
 */
@Module({
  imports: [IntegrationsModule],
  providers: [EventWorker, SyncWorker, QueueDepthGauge],
})
export class SourceWorkersModule {}
