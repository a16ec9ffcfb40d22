import { Module } from '@nestjs/common';
import { CycleLoaders } from './cycles/cycle.loaders.js';
import { GoalLoaders } from './goals/goal.loaders.js';
import { GoalResolver } from './goals/goal.resolver.js';
import { GoalService } from './goals/goal.service.js';
import { KeyResultLoaders } from './key-results/key-result.loaders.js';
import { ObjectiveLoaders } from './objectives/objective.loaders.js';
import { TeamLoaders } from './teams/team.loaders.js';
import { VisionLoaders } from './vision/vision.loaders.js';
import { VisionResolver } from './vision/vision.resolver.js';
import { VisionService } from './vision/vision.service.js';

/** Vision, strategic goals, KPIs, cycles, teams, objectives, key results and their links. */
const LOADERS = [
  VisionLoaders,
  GoalLoaders,
  CycleLoaders,
  TeamLoaders,
  ObjectiveLoaders,
  KeyResultLoaders,
];

@Module({
  providers: [...LOADERS, VisionService, VisionResolver, GoalService, GoalResolver],
  exports: LOADERS,
})
export class StrategyModule {}
