import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/common';
import type { KpiCheckIn } from '@app/database';
import { User } from '@app/identity';
import { UserLoaders } from '../shared/user.loaders.js';
import { KpiCheckInType } from './kpi-check-in.type.js';

@Resolver(() => KpiCheckInType)
export class KpiCheckInResolver {
  constructor(@Inject(UserLoaders) private readonly users: UserLoaders) {}

  @ResolveField(() => User, {
    nullable: true,
    description: 'null when the author is no longer a member of the organization',
  })
  author(@Parent() checkIn: KpiCheckIn, @Context() ctx: RequestContext) {
    return checkIn.authorId ? this.users.byId(ctx).load(checkIn.authorId) : null;
  }
}
