import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@app/database';
import { ExpectedVersion } from '@app/common';
import { RoleEnum } from '../identity.types.js';

@InputType()
export class InviteMemberInput {
  @Field()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @Field(() => RoleEnum)
  @IsIn(ROLES)
  role: Role;

  @Field({ nullable: true, description: 'for a new user; defaults to the e-mail name' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
}

@ArgsType()
export class RemoveMemberArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a user id' })
  userId: string;
}

@InputType()
export class ChangeMemberRoleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a user id' })
  userId: string;

  @Field(() => RoleEnum)
  @IsIn(ROLES)
  role: Role;

  @ExpectedVersion()
  expectedVersion?: number | null;
}
