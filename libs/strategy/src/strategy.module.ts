import { Module } from '@nestjs/common';
import { CycleLoaders } from './cycles/cycle.loaders.js';
import { CycleResolver } from './cycles/cycle.resolver.js';
import { CycleService } from './cycles/cycle.service.js';
import { GoalLoaders } from './goals/goal.loaders.js';
import { GoalResolver } from './goals/goal.resolver.js';
import { GoalService } from './goals/goal.service.js';
import { CheckInResolver } from './key-results/check-in.resolver.js';
import { KeyResultLoaders } from './key-results/key-result.loaders.js';
import { KeyResultResolver } from './key-results/key-result.resolver.js';
import { KeyResultService } from './key-results/key-result.service.js';
import { KpiCheckInResolver } from './kpis/kpi-check-in.resolver.js';
import { KpiLoaders } from './kpis/kpi.loaders.js';
import { KpiResolver } from './kpis/kpi.resolver.js';
import { KpiService } from './kpis/kpi.service.js';
import { ObjectiveLinkLoaders } from './objective-links/objective-link.loaders.js';
import { ObjectiveLinkResolver } from './objective-links/objective-link.resolver.js';
import { ObjectiveLinkService } from './objective-links/objective-link.service.js';
import { ObjectiveLoaders } from './objectives/objective.loaders.js';
import { ObjectiveResolver } from './objectives/objective.resolver.js';
import { ObjectiveService } from './objectives/objective.service.js';
import { UserLoaders } from './shared/user.loaders.js';
import { TeamLoaders } from './teams/team.loaders.js';
import { TeamResolver } from './teams/team.resolver.js';
import { TeamService } from './teams/team.service.js';
import { VisionLoaders } from './vision/vision.loaders.js';
import { VisionResolver } from './vision/vision.resolver.js';
import { VisionService } from './vision/vision.service.js';

/** Per-request loaders other contexts use to resolve fields that point into the strategy tree. */
const LOADERS = [
  VisionLoaders,
  GoalLoaders,
  KpiLoaders,
  CycleLoaders,
  TeamLoaders,
  ObjectiveLoaders,
  KeyResultLoaders,
  ObjectiveLinkLoaders,
  UserLoaders,
];

/** Vision, strategic goals, KPIs, cycles, teams, objectives, key results and their links. */
@Module({
  providers: [
    ...LOADERS,
    VisionService,
    VisionResolver,
    GoalService,
    GoalResolver,
    KpiService,
    KpiResolver,
    KpiCheckInResolver,
    CycleService,
    CycleResolver,
    TeamService,
    TeamResolver,
    ObjectiveService,
    ObjectiveResolver,
    KeyResultService,
    KeyResultResolver,
    CheckInResolver,
    ObjectiveLinkService,
    ObjectiveLinkResolver,
  ],
  // the services the demo seeder writes a history through (libs/planning)
  exports: [...LOADERS, KeyResultService, KpiService],
})
export class StrategyModule {}
