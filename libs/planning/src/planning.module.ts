import { Module } from '@nestjs/common';
import { AlignmentModule } from '@app/alignment';
import { DeliveryModule } from '@app/delivery';
import { StrategyModule } from '@app/strategy';
import { CarryForwardService } from './carry-forward.service.js';
import { CycleLockService } from './cycle-lock.service.js';
import { LiveResolver } from './live.resolver.js';
import { PlanLoadModule } from './loaded-baselines.js';
import { PlanEventsAfterWrite } from './plan-events.interceptor.js';
import { PlanEventsService } from './plan-events.service.js';
import { KeyResultLineageResolver, ObjectiveLineageResolver } from './lineage.resolver.js';
import {
  AtRiskDependencyResolver,
  GoalPlanVsActualResolver,
  GoalRetroResolver,
  PlanningResolver,
  ProjectedGoalResolver,
} from './planning.resolver.js';
import { ProjectionService } from './projection.service.js';
import { SCENARIO_PROVIDERS } from './scenarios/scenario.resolver.js';
import { ScenarioService } from './scenarios/scenario.service.js';

/** docs/design.md 3, the quarterly planning session: drafting, projection, capacity, lock, retro. */
@Module({
  imports: [StrategyModule, DeliveryModule, AlignmentModule, PlanLoadModule],
  providers: [
    ProjectionService,
    CarryForwardService,
    CycleLockService,
    PlanningResolver,
    GoalPlanVsActualResolver,
    GoalRetroResolver,
    ProjectedGoalResolver,
    AtRiskDependencyResolver,
    ObjectiveLineageResolver,
    KeyResultLineageResolver,
    PlanEventsService,
    LiveResolver,
    ...SCENARIO_PROVIDERS,
    PlanEventsAfterWrite,
  ],
  exports: [
    ProjectionService,
    CarryForwardService,
    CycleLockService,
    ScenarioService,
    PlanEventsAfterWrite,
  ],
})
export class PlanningModule {}
