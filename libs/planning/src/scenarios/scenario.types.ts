import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Cycle, Initiative, Priority } from '@app/database';
import { InitiativeType, PriorityEnum } from '@app/delivery';
import { CycleType } from '@app/strategy';
import { ProjectedAlignmentType, TeamCapacityType } from '../planning.types.js';

@ObjectType('ScenarioInitiative', { description: 'an initiative as a scenario plans it' })
export class ScenarioInitiativeType {
  /** resolved to the Initiative by a field resolver (batched) */
  initiativeId: string;

  @Field({ description: 'in the scenario’s plan of the cycle' })
  included: boolean;

  @Field(() => Float, { nullable: true, description: 'story points; null: not estimated' })
  estimate: number | null;

  @Field(() => PriorityEnum)
  priority: Priority;
}

@ObjectType('ScenarioTeam', { description: 'a team’s capacity per sprint in a scenario' })
export class ScenarioTeamType {
  /** resolved to the Team by a field resolver (batched) */
  teamId: string;

  @Field(() => Float)
  capacityPerSprint: number;
}

@ObjectType('ScenarioLink', { description: 'the weight of an initiative link in a scenario' })
export class ScenarioLinkType {
  @Field(() => ID, { description: 'the live InitiativeLink' })
  linkId: string;

  /** resolved to the Initiative by a field resolver (batched) */
  initiativeId: string;

  @Field(() => ID, { nullable: true })
  keyResultId: string | null;

  @Field(() => ID, { nullable: true })
  objectiveId: string | null;

  @Field(() => Float)
  weight: number;
}

@ObjectType('Scenario', {
  description:
    'docs/design.md 3, scenarios: a named what-if of a DRAFT cycle’s plan, a copy of its estimates, priorities, team capacities, link weights and initiatives in or out; it never changes the live plan until promoted',
})
export class ScenarioType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => CycleType)
  cycle: Cycle;

  @Field(() => ID, { nullable: true, description: 'the member who forked it' })
  createdBy: string | null;

  @Field()
  createdAt: Date;

  @Field({ description: 'when its values were last edited' })
  editedAt: Date;

  @Field(() => Date, { nullable: true, description: 'when it was promoted to be the plan' })
  promotedAt: Date | null;

  @Field(() => Int, {
    description: 'bumped by every edit; scenario writes name it as expectedVersion',
  })
  version: number;

  @Field(() => [ScenarioInitiativeType], { description: 'by initiative key' })
  initiatives: ScenarioInitiativeType[];

  @Field(() => [ScenarioTeamType], { description: 'by team key' })
  teams: ScenarioTeamType[];

  @Field(() => [ScenarioLinkType], { description: 'the links of its initiatives' })
  links: ScenarioLinkType[];
}

@ObjectType('ScenarioColumn', {
  description:
    'one plan of a comparison: the live plan first, then each scenario, all computed by the same functions',
})
export class ScenarioColumnType {
  @Field({ description: '"plan" for the live plan, else the scenario’s name' })
  label: string;

  @Field(() => ScenarioType, { nullable: true, description: 'null for the live plan' })
  scenario: ScenarioType | null;

  @Field(() => ProjectedAlignmentType, {
    description: 'goal shares against targets (with dependency risk) and the horizon mix',
  })
  projected: ProjectedAlignmentType;

  @Field(() => [TeamCapacityType], { description: 'capacity, demand and cut line per team' })
  capacity: TeamCapacityType[];

  @Field(() => Float, { description: 'estimates of the planned initiatives, WONT left out' })
  plannedEffort: number;

  @Field(() => [InitiativeType], { description: 'planned initiatives without an estimate' })
  unestimatedInitiatives: Initiative[];

  @Field(() => [Float], {
    description:
      'per goal of projected.goals (same order): its share minus the live plan’s share (0 in the plan’s own column)',
  })
  shareDeltas: number[];

  @Field(() => [Float], {
    description: 'per horizon of projected.horizons (same order): share minus the live plan’s',
  })
  horizonDeltas: number[];
}

@ObjectType('ScenarioComparison')
export class ScenarioComparisonType {
  @Field(() => CycleType)
  cycle: Cycle;

  @Field(() => [ScenarioColumnType], { description: 'the live plan, then the scenarios asked' })
  columns: ScenarioColumnType[];
}
