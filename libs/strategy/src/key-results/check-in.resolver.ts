import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/common';
import type { CheckIn } from '@app/database';
import { User } from '@app/identity';
import { UserLoaders } from '../shared/user.loaders.js';
import { CheckInType } from './check-in.type.js';

@Resolver(() => CheckInType)
export class CheckInResolver {
  constructor(@Inject(UserLoaders) private readonly users: UserLoaders) {}

  @ResolveField(() => User, {
    nullable: true,
    description: 'null when the author is no longer a member of the organization',
  })
  author(@Parent() checkIn: CheckIn, @Context() ctx: RequestContext) {
    return checkIn.authorId ? this.users.byId(ctx).load(checkIn.authorId) : null;
  }
}
