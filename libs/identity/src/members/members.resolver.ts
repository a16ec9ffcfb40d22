import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Paginated, PageArgs, type Actor } from '@app/common';
import { Access } from '../access/access.decorator.js';
import { CurrentActor } from '../access/current-actor.decorator.js';
import { Invite, Member } from '../identity.types.js';
import { ChangeMemberRoleInput, InviteMemberInput, RemoveMemberArgs } from './members.inputs.js';
import { MembersService } from './members.service.js';

export const MemberPage = Paginated(Member, 'MemberPage');

@Resolver(() => Member)
export class MembersResolver {
  constructor(@Inject(MembersService) private readonly service: MembersService) {}

  @Access('VIEWER')
  @Query(() => MemberPage)
  members(@CurrentActor() actor: Actor, @Args() page: PageArgs) {
    return this.service.list(actor, page.first, page.after ?? null);
  }

  @Access('VIEWER')
  @Query(() => Member, {
    description: "the signed-in member: the user and their role in the token's organization",
  })
  me(@CurrentActor() actor: Actor) {
    return this.service.me(actor);
  }

  @Access('ADMIN')
  @Mutation(() => Invite, {
    description: 'no mail is sent: pass the returned inviteToken to the invitee',
  })
  inviteMember(@CurrentActor() actor: Actor, @Args('input') input: InviteMemberInput) {
    return this.service.invite(actor, input);
  }

  @Access('ADMIN')
  @Mutation(() => Member)
  changeMemberRole(@CurrentActor() actor: Actor, @Args('input') input: ChangeMemberRoleInput) {
    return this.service.changeRole(actor, input);
  }

  @Access('ADMIN')
  @Mutation(() => Boolean)
  removeMember(@CurrentActor() actor: Actor, @Args() args: RemoveMemberArgs) {
    return this.service.remove(actor, args.userId);
  }
}
