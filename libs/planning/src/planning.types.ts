import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Cycle, Initiative, Priority, ScopeEntity, ScopeOperation, Team } from '@app/database';
import { AlignmentReportType, GoalAlignmentType } from '@app/alignment';
import { DEPENDENCY_RISK_REASONS, type DependencyRiskReason } from '@app/domain';
import { InitiativeType, PriorityEnum } from '@app/delivery';
import { CycleType, TeamType } from '@app/strategy';

export const DependencyRiskReasonEnum = Object.fromEntries(
  DEPENDENCY_RISK_REASONS.map((r) => [r, r]),
) as { [K in DependencyRiskReason]: K };
registerEnumType(DependencyRiskReasonEnum, {
  name: 'DependencyRiskReason',
  description:
    'why a dependency is at risk for the planned cycle: its blocker is CANCELLED (or archived), planned for no cycle (UNPLANNED), for a LATER_CYCLE, or WONT / BELOW_CUT_LINE of its team in this cycle',
});

@ObjectType('AtRiskDependency', {
  description: 'a dependency whose blocker may not be done in time for the planned cycle',
})
export class AtRiskDependencyType {
  @Field(() => ID, { description: 'the InitiativeDependency' })
  id: string;

  /** resolved to the Initiative by a field resolver (batched) */
  initiativeId: string;

  /** resolved to the Initiative by a field resolver (batched) */
  blockedById: string;

  @Field(() => DependencyRiskReasonEnum)
  reason: DependencyRiskReason;
}

@ObjectType('ProjectedGoalAlignment', {
  description: "a goal's projected alignment, with the part of it behind at-risk dependencies",
})
export class ProjectedGoalAlignmentType extends GoalAlignmentType {
  @Field(() => Float, {
    description:
      'the part of effort that flows from initiatives behind an at-risk dependency (directly, or through a blocker still to be done that is itself behind one)',
  })
  atRiskEffort: number;

  @Field(() => Float, { description: 'atRiskEffort / effort; 0 when the goal gets no effort' })
  atRiskShare: number;

  @Field(() => [AtRiskDependencyType], {
    description: 'the at-risk dependencies that initiatives reaching this goal wait on',
  })
  atRiskDependencies: AtRiskDependencyType[];
}

@ObjectType('ProjectedAlignment', {
  description:
    'docs/design.md 3: the alignment flow of 2.1 over the initiatives planned for a cycle, effort = estimate (WONT left out; ticketCount counts initiatives)',
})
export class ProjectedAlignmentType extends AlignmentReportType {
  @Field(() => [InitiativeType], {
    description: 'planned initiatives without an estimate: they count 0',
  })
  unestimatedInitiatives: Initiative[];

  @Field(() => [ProjectedGoalAlignmentType], {
    description: 'every active goal, also those with 0',
  })
  declare goals: ProjectedGoalAlignmentType[];

  @Field(() => Float, {
    description:
      'planned effort of the initiatives behind an at-risk dependency, wherever it flows',
  })
  atRiskEffort: number;

  @Field(() => Float, { description: 'atRiskEffort / totalEffort; 0 when nothing is planned' })
  atRiskShare: number;

  @Field(() => [AtRiskDependencyType], {
    description:
      'every at-risk dependency that a planned initiative waits on, directly or through its blockers',
  })
  atRiskDependencies: AtRiskDependencyType[];
}

@ObjectType('DemandLine', { description: "one initiative in a team's demand, in MoSCoW order" })
export class DemandLineType {
  @Field(() => InitiativeType)
  initiative: Initiative;

  @Field(() => PriorityEnum)
  priority: Priority;

  @Field(() => Float, { description: 'its estimate (0 when unestimated)' })
  demand: number;

  @Field(() => Float, { description: 'demand of this and every initiative before it' })
  cumulative: number;

  @Field({
    description: 'false from the first initiative where cumulative demand exceeds capacity',
  })
  aboveCut: boolean;
}

@ObjectType('TeamCapacity')
export class TeamCapacityType {
  @Field(() => TeamType)
  team: Team;

  @Field(() => Float, { description: 'story points per sprint' })
  capacityPerSprint: number;

  @Field(() => Int, { description: "the team's sprints overlapping the cycle, each counted whole" })
  sprints: number;

  @Field(() => Float, {
    description:
      "the team's sprints in the cycle: each overlapping sprint by the share of its days inside the cycle, plus expectedSprints",
  })
  sprintEquivalents: number;

  @Field(() => Float, {
    description:
      "sprints expected by the organization's cadence (cadenceDays) in the days of the cycle after the last day its sprints cover",
  })
  expectedSprints: number;

  @Field(() => Float, { description: 'capacityPerSprint x sprintEquivalents' })
  capacity: number;

  @Field(() => Float, { description: 'estimates of MUST, SHOULD and COULD initiatives' })
  demand: number;

  @Field()
  overCommitted: boolean;

  @Field(() => [DemandLineType], {
    description: 'MUST, then SHOULD, then COULD; by key within one',
  })
  lines: DemandLineType[];
}

@ObjectType('PlanningSession', {
  description: 'everything the planning view shows, in one request',
})
export class PlanningSessionType {
  @Field(() => CycleType)
  cycle: Cycle;

  @Field(() => ProjectedAlignmentType, {
    description: 'its horizons are the projected horizon mix against the target mix',
  })
  projected: ProjectedAlignmentType;

  @Field(() => [TeamCapacityType], {
    description: 'teams with sprints in the cycle or initiatives planned for it, by key',
  })
  capacity: TeamCapacityType[];
}

@ObjectType('CycleBaseline', {
  description: 'the plan as it stood when the cycle was locked; immutable',
})
export class CycleBaselineType {
  @Field(() => ID)
  id: string;

  @Field(() => CycleType)
  cycle: Cycle;

  @Field({ description: 'when the cycle was locked' })
  createdAt: Date;

  @Field({
    description:
      'stored when a plan file loaded the cycle as ACTIVE (the plan as loaded), not by lockCycle',
  })
  loaded: boolean;

  @Field(() => Int)
  objectiveCount: number;

  @Field(() => Int)
  keyResultCount: number;

  @Field(() => Int)
  initiativeCount: number;

  @Field(() => Float, { description: 'sum of the planned initiatives estimates' })
  plannedEffort: number;

  @Field(() => ProjectedAlignmentType)
  projected: ProjectedAlignmentType;
}

export const ScopeEntityEnum = {
  OBJECTIVE: 'OBJECTIVE',
  KEY_RESULT: 'KEY_RESULT',
  OBJECTIVE_LINK: 'OBJECTIVE_LINK',
  INITIATIVE_LINK: 'INITIATIVE_LINK',
  INITIATIVE: 'INITIATIVE',
} as const;
registerEnumType(ScopeEntityEnum, { name: 'ScopeEntity' });

export const ScopeOperationEnum = { INSERT: 'INSERT', UPDATE: 'UPDATE', DELETE: 'DELETE' } as const;
registerEnumType(ScopeOperationEnum, { name: 'ScopeOperation' });

@ObjectType('ScopeChange', { description: "a change to a locked cycle's plan" })
export class ScopeChangeType {
  @Field(() => ID)
  id: string;

  @Field(() => ScopeEntityEnum)
  entity: ScopeEntity;

  @Field({ description: 'the objective, key result or initiative (of a link: its lower end)' })
  entityKey: string;

  @Field(() => ScopeOperationEnum)
  operation: ScopeOperation;

  @Field(() => String, { nullable: true, description: 'the row before, as JSON' })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'the row after, as JSON' })
  after: string | null;

  @Field(() => ID, { nullable: true, description: 'the user who made it' })
  changedBy: string | null;

  @Field()
  changedAt: Date;
}

@ObjectType('GoalPlanVsActual')
export class GoalPlanVsActualType {
  /** resolved to the StrategicGoal by a field resolver (one batched load) */
  goalId: string;

  @Field(() => Float, { nullable: true, description: "the baseline's projected share" })
  plannedShare: number | null;

  @Field(() => Float, { nullable: true, description: 'share of the actual alignment of the cycle' })
  actualShare: number | null;

  @Field(() => Float, { nullable: true, description: 'actualShare - plannedShare' })
  drift: number | null;
}

@ObjectType('PlanVsActual')
export class PlanVsActualType {
  @Field(() => CycleBaselineType)
  baseline: CycleBaselineType;

  @Field(() => [GoalPlanVsActualType])
  goals: GoalPlanVsActualType[];

  @Field(() => [ScopeChangeType], { description: 'newest first, at most `first`' })
  scopeChanges: ScopeChangeType[];

  @Field(() => Int, { description: 'all scope changes since the lock' })
  scopeChangeCount: number;
}

@ObjectType('GoalRetro')
export class GoalRetroType {
  goalId: string;

  @Field(() => Float, { nullable: true, description: "the baseline's projected share" })
  plannedShare: number | null;

  @Field(() => Float, { nullable: true, description: 'share of the actual alignment of the cycle' })
  actualShare: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'link-weighted mean score of the objectives aligned directly to the goal',
  })
  score: number | null;
}

@ObjectType('CycleRetro', { description: 'closeCycle: the retro figures per goal' })
export class CycleRetroType {
  @Field(() => CycleType)
  cycle: Cycle;

  @Field(() => Int, { description: 'key results scored at their final progress by the close' })
  scoredKeyResults: number;

  @Field(() => [GoalRetroType])
  goals: GoalRetroType[];
}
