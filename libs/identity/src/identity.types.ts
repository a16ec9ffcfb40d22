import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { VersionField } from '@app/common';
import { ROLES, type Role } from '@app/database';

export const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in Role]: K };
registerEnumType(RoleEnum, {
  name: 'Role',
  description:
    'VIEWER reads; MEMBER also checks in and edits tickets; EDITOR also edits strategy, initiatives and links; ADMIN also manages members and settings; OWNER everything',
});

@ObjectType()
export class User {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  name: string;
}

@ObjectType()
export class Member {
  @Field(() => User)
  user: User;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => Date, { nullable: true, description: 'null while the invite is pending' })
  joinedAt: Date | null;

  @Field()
  invitePending: boolean;

  @VersionField()
  version: number;
}

@ObjectType()
export class Invite {
  @Field(() => Member)
  member: Member;

  @Field({ description: 'one-time token for the invitee (acceptInvite); shown only now' })
  inviteToken: string;

  @Field()
  expiresAt: Date;
}
