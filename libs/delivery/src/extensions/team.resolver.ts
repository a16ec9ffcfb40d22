import { Inject } from '@nestjs/common';
import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ChildPageArgs, type RequestContext } from '@app/common';
import type { Team } from '@app/database';
import { TeamType } from '@app/strategy';
import { InitiativeLoaders } from '../initiatives/initiative.loaders.js';
import { InitiativePage } from '../initiatives/initiative.type.js';
import { SprintLoaders } from '../sprints/sprint.loaders.js';
import { SprintPage } from '../sprints/sprint.type.js';

/** The delivery fields of a strategy Team: its sprints and initiatives. */
@Resolver(() => TeamType)
export class TeamDeliveryResolver {
  constructor(
    @Inject(SprintLoaders) private readonly sprintLoaders: SprintLoaders,
    @Inject(InitiativeLoaders) private readonly initiativeLoaders: InitiativeLoaders,
  ) {}

  @ResolveField(() => SprintPage, { description: 'by start date (archived ones left out)' })
  sprints(@Parent() team: Team, @Args() args: ChildPageArgs, @Context() ctx: RequestContext) {
    return this.sprintLoaders.pageOfTeam(ctx, team.id, args);
  }

  @ResolveField(() => InitiativePage, { description: 'by key (archived ones left out)' })
  initiatives(@Parent() team: Team, @Args() args: ChildPageArgs, @Context() ctx: RequestContext) {
    return this.initiativeLoaders.pageOfTeam(ctx, team.id, args);
  }
}
