import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageArgs } from '@app/common';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '@app/database';
import { ApiTokenScopeEnum } from './api-token.type.js';

@InputType()
export class CreateApiTokenInput {
  @Field({ description: 'what the token is for, e.g. "CI: nightly Jira sync"' })
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(100)
  name: string;

  @Field(() => ApiTokenScopeEnum)
  @IsIn(API_TOKEN_SCOPES)
  scope: ApiTokenScope;

  @Field(() => Date, { nullable: true, description: 'in the future; leave out for no expiry' })
  @IsOptional()
  @IsDate({ message: 'must be a date and time' })
  expiresAt?: Date | null;
}

@ArgsType()
export class ApiTokenListArgs extends PageArgs {
  @Field({ defaultValue: false })
  @IsBoolean()
  includeRevoked: boolean = false;
}
