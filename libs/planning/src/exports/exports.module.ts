import { Module } from '@nestjs/common';
import { AlignmentModule } from '@app/alignment';
import { StrategyModule } from '@app/strategy';
import { PlanningModule } from '../planning.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/** CSV and PDF downloads of the overview and the planning view (README "Exports"). */
@Module({
  imports: [StrategyModule, AlignmentModule, PlanningModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
