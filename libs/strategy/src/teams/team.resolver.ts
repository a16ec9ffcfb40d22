import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  ChildPageArgs,
  childPageKey,
  VersionedIdArgs,
  IdOrKeyArgs,
  type Actor,
  type RequestContext,
} from '@app/common';
import type { Team } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { ObjectiveLoaders } from '../objectives/objective.loaders.js';
import { ObjectivePage } from '../objectives/objective.type.js';
import { CreateTeamInput, TeamListArgs, UpdateTeamInput } from './team.inputs.js';
import { TeamService } from './team.service.js';
import { TeamPage, TeamType } from './team.type.js';

@Resolver(() => TeamType)
export class TeamResolver {
  constructor(
    @Inject(TeamService) private readonly service: TeamService,
    @Inject(ObjectiveLoaders) private readonly objectiveLoaders: ObjectiveLoaders,
  ) {}

  @Access('VIEWER')
  @Query(() => TeamType, { description: 'by key (or id); NOT_FOUND when absent' })
  team(@CurrentActor() actor: Actor, @Args() args: IdOrKeyArgs) {
    return this.service.get(actor, args);
  }

  @Access('VIEWER')
  @Query(() => TeamPage, { description: 'ordered by key' })
  teams(@CurrentActor() actor: Actor, @Args() args: TeamListArgs) {
    return this.service.list(actor, args);
  }

  @Access('EDITOR')
  @Mutation(() => TeamType)
  createTeam(@CurrentActor() actor: Actor, @Args('input') input: CreateTeamInput) {
    return this.service.create(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => TeamType)
  updateTeam(@CurrentActor() actor: Actor, @Args('input') input: UpdateTeamInput) {
    return this.service.update(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => TeamType, { description: 'sets archivedAt' })
  archiveTeam(@CurrentActor() actor: Actor, @Args() { id, expectedVersion }: VersionedIdArgs) {
    return this.service.archive(actor, id, expectedVersion);
  }

  @ResolveField(() => ObjectivePage, {
    description: "the team's objectives by key, without ARCHIVED ones",
  })
  objectives(@Parent() team: Team, @Context() ctx: RequestContext, @Args() args: ChildPageArgs) {
    return this.objectiveLoaders.pageByTeam(ctx).load(childPageKey(team.id, args));
  }
}
