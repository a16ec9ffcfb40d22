import { Module } from '@nestjs/common';
import { AlignmentModule } from '@app/alignment';
import { IntegrationsModule } from '@app/integrations';
import { StrategyModule } from '@app/strategy';
import { PlanningModule } from '../planning.module.js';
import { DemoSeeder } from './demo-seeder.js';

/**
 * The demo organization's seeder (`npm start` on an empty embedded database, `cli seed-demo`). It
 * lives with planning, the last lib, because it replays the demo's history through every context's
 * services: plan and ticket imports, check-ins, scores, closing, locking and carrying forward.
 */
@Module({
  imports: [StrategyModule, AlignmentModule, IntegrationsModule, PlanningModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
