import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ExpectedVersion, IfGiven, IsName, JsonScalar } from '@app/common';
import { SOURCE_KINDS, type SourceKind } from '@app/database';
import { SourceKindEnum } from './ticket-source.types.js';

const MAX_URL = 500;
const MAX_CREDENTIALS = 2000;

@InputType()
export class CreateTicketSourceInput {
  @Field(() => SourceKindEnum)
  @IsIn(SOURCE_KINDS as unknown as string[])
  kind: SourceKind;

  @Field({ description: 'unique among the organization’s sources' })
  @IsName()
  @MinLength(1, { message: 'must not be empty' })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'the tracker site, e.g. https://acme.atlassian.net (needed to reconcile)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_URL)
  baseUrl?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'write-only API credentials (Jira Cloud: "email:api-token"); stored encrypted',
  })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(MAX_CREDENTIALS)
  credentials?: string | null;

  @Field(() => JsonScalar, { nullable: true, description: 'tracker settings (README)' })
  @IsOptional()
  settings?: unknown;
}

@InputType()
export class UpdateTicketSourceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  id: string;

  @ExpectedVersion()
  expectedVersion?: number | null;

  @Field({ nullable: true })
  @IfGiven()
  @IsName()
  @MinLength(1, { message: 'must not be empty' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'null removes it' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_URL)
  baseUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'write-only; null removes them' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(MAX_CREDENTIALS)
  credentials?: string | null;

  @Field(() => JsonScalar, { nullable: true })
  @IsOptional()
  settings?: unknown;

  @Field({ nullable: true })
  @IfGiven()
  @IsBoolean()
  enabled?: boolean;
}

@ArgsType()
export class SourceIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  id: string;
}
