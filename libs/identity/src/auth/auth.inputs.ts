import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { User } from '../identity.types.js';
import { Organization } from '../organization/organization.type.js';

@InputType()
export class SignUpInput {
  @Field()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters long' })
  @MaxLength(200)
  password: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  organizationName: string;
}

@InputType()
export class LogInInput {
  @Field()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @MaxLength(200)
  password: string;

  @Field({ nullable: true, description: 'optional when the user belongs to one organization' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'must be an organization slug' })
  organizationSlug?: string;
}

@InputType()
export class AcceptInviteInput {
  @Field()
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  token: string;

  @Field({
    description: 'a new password, or the existing one for a user who already has an account',
  })
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters long' })
  @MaxLength(200)
  password: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
}

@ObjectType()
export class AuthPayload {
  @Field()
  token: string;

  @Field(() => User)
  user: User;

  @Field(() => Organization)
  organization: Organization;
}
