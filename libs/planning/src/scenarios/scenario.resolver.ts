import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor, RequestContext } from '@app/common';
import { Access, CurrentActor } from '@app/identity';
import { InitiativeLoaders, InitiativeType } from '@app/delivery';
import {
  KeyResultLoaders,
  KeyResultType,
  ObjectiveLoaders,
  ObjectiveType,
  TeamLoaders,
  TeamType,
} from '@app/strategy';
import { CycleKeyArgs } from '../planning.inputs.js';
import { PlanningSessionType } from '../planning.types.js';
import {
  CompareScenariosArgs,
  ForkScenarioInput,
  ScenarioIdArgs,
  UpdateScenarioInput,
  VersionedScenarioArgs,
} from './scenario.inputs.js';
import { ScenarioPlanService } from './scenario-plan.service.js';
import { ScenarioService } from './scenario.service.js';
import {
  ScenarioComparisonType,
  ScenarioInitiativeType,
  ScenarioLinkType,
  ScenarioTeamType,
  ScenarioType,
} from './scenario.types.js';

/** docs/design.md 3, scenarios (what-if) of a DRAFT cycle's plan. */
@Resolver(() => ScenarioType)
export class ScenarioResolver {
  constructor(
    @Inject(ScenarioService) private readonly service: ScenarioService,
    @Inject(ScenarioPlanService) private readonly plans: ScenarioPlanService,
  ) {}

  @Access('VIEWER')
  @Query(() => [ScenarioType], { description: 'the scenarios of a cycle, oldest first' })
  scenarios(@CurrentActor() actor: Actor, @Args() { cycleKey }: CycleKeyArgs) {
    return this.service.list(actor, cycleKey);
  }

  @Access('VIEWER')
  @Query(() => ScenarioType, { nullable: true })
  scenario(@CurrentActor() actor: Actor, @Args() { id }: ScenarioIdArgs) {
    return this.service.get(actor, id);
  }

  @Access('VIEWER')
  @Query(() => ScenarioComparisonType, {
    description:
      'the live plan and 1 to 3 scenarios side by side: goal shares against targets, horizon mix, capacity and cut line per team',
  })
  compareScenarios(@CurrentActor() actor: Actor, @Args() args: CompareScenariosArgs) {
    return this.plans.compare(actor, args.cycleKey, args.scenarioIds);
  }

  @Access('EDITOR')
  @Mutation(() => ScenarioType, {
    description:
      'a new scenario of a DRAFT cycle: a copy of the live plan’s values (or of another scenario); at most 20 per cycle',
  })
  forkScenario(@CurrentActor() actor: Actor, @Args('input') input: ForkScenarioInput) {
    return this.service.fork(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => ScenarioType, {
    description: 'changes a scenario’s values, all or nothing; the live plan is not touched',
  })
  updateScenario(@CurrentActor() actor: Actor, @Args('input') input: UpdateScenarioInput) {
    return this.service.update(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => Boolean)
  deleteScenario(@CurrentActor() actor: Actor, @Args() args: VersionedScenarioArgs) {
    return this.service.delete(actor, args.id, args.expectedVersion);
  }

  @Access('EDITOR')
  @Mutation(() => PlanningSessionType, {
    description:
      'writes the scenario’s values into the live plan of its DRAFT cycle in one transaction (CONFLICT, nothing written, when the plan changed since the fork); lockCycle then locks it',
  })
  promoteScenario(@CurrentActor() actor: Actor, @Args() args: VersionedScenarioArgs) {
    return this.plans.promote(actor, args.id, args.expectedVersion);
  }
}

/** The rows of a scenario's values: their initiative, team, key result, one batched load each. */
@Resolver(() => ScenarioInitiativeType)
export class ScenarioInitiativeResolver {
  constructor(@Inject(InitiativeLoaders) private readonly initiatives: InitiativeLoaders) {}

  @ResolveField(() => InitiativeType, { description: 'the live initiative (its live values)' })
  initiative(@Parent() row: ScenarioInitiativeType, @Context() ctx: RequestContext) {
    return this.initiatives.byId(ctx).load(row.initiativeId);
  }
}

@Resolver(() => ScenarioTeamType)
export class ScenarioTeamResolver {
  constructor(@Inject(TeamLoaders) private readonly teams: TeamLoaders) {}

  @ResolveField(() => TeamType)
  team(@Parent() row: ScenarioTeamType, @Context() ctx: RequestContext) {
    return this.teams.byId(ctx).load(row.teamId);
  }
}

@Resolver(() => ScenarioLinkType)
export class ScenarioLinkResolver {
  constructor(
    @Inject(InitiativeLoaders) private readonly initiatives: InitiativeLoaders,
    @Inject(KeyResultLoaders) private readonly keyResults: KeyResultLoaders,
    @Inject(ObjectiveLoaders) private readonly objectives: ObjectiveLoaders,
  ) {}

  @ResolveField(() => InitiativeType)
  initiative(@Parent() row: ScenarioLinkType, @Context() ctx: RequestContext) {
    return this.initiatives.byId(ctx).load(row.initiativeId);
  }

  @ResolveField(() => KeyResultType, { nullable: true })
  keyResult(@Parent() row: ScenarioLinkType, @Context() ctx: RequestContext) {
    return row.keyResultId ? this.keyResults.byId(ctx).load(row.keyResultId) : null;
  }

  @ResolveField(() => ObjectiveType, { nullable: true })
  objective(@Parent() row: ScenarioLinkType, @Context() ctx: RequestContext) {
    return row.objectiveId ? this.objectives.byId(ctx).load(row.objectiveId) : null;
  }
}

export const SCENARIO_PROVIDERS = [
  ScenarioService,
  ScenarioPlanService,
  ScenarioResolver,
  ScenarioInitiativeResolver,
  ScenarioTeamResolver,
  ScenarioLinkResolver,
];
