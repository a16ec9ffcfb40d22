import { Module } from '@nestjs/common';
import { GoalLoaders } from './goals/goal.loaders.js';
import { GoalResolver } from './goals/goal.resolver.js';
import { GoalService } from './goals/goal.service.js';
import { VisionLoaders } from './vision/vision.loaders.js';
import { VisionResolver } from './vision/vision.resolver.js';
import { VisionService } from './vision/vision.service.js';

/** Vision, strategic goals, KPIs, cycles, teams, objectives, key results and their links. */
@Module({
  providers: [VisionService, VisionLoaders, VisionResolver, GoalService, GoalLoaders, GoalResolver],
  exports: [VisionLoaders, GoalLoaders],
})
export class StrategyModule {}
