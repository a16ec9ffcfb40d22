import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { collectProcessMetrics, readPoolAtScrape, readReplicaAtScrape } from '@app/common';
import type { Env } from '@app/config';
import { Database } from '@app/database';
import { METRICS_TOKEN, MetricsController } from './metrics.controller.js';

/** Points the pool and replica gauges at the app's database for as long as the app runs. */
@Injectable()
class PoolGauge implements OnModuleInit, OnApplicationShutdown {
  private undo: (() => void)[] = [];

  constructor(@Inject(Database) private readonly db: Database) {}

  onModuleInit(): void {
    collectProcessMetrics();
    this.undo = [
      readPoolAtScrape(() => this.db.poolUse()),
      readReplicaAtScrape(() => this.db.replicaState()),
    ];
  }

  onApplicationShutdown(): void {
    for (const undo of this.undo) undo();
  }
}

/** `/metrics` (README, Observability) and what its gauges read at scrape time. */
@Module({})
export class MetricsModule {
  static forRoot(env: Pick<Env, 'metricsToken'>): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      // without a token nothing is scraped: no process metrics (the event loop monitor's timer)
      providers: [
        { provide: METRICS_TOKEN, useValue: env.metricsToken },
        ...(env.metricsToken ? [PoolGauge] : []),
      ],
    };
  }
}
