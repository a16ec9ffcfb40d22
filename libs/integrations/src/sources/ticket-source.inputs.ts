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
import { ExpectedVersion, IfGiven, IsName, JsonScalar, VersionedIdArgs } from '@app/common';
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

  @WebhookSecretField()
  webhookSecret?: string | null;
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

/**
 * A webhook secret the tracker generated itself (Linear's webhook form shows one): given here, it
 * is kept instead of a generated one. 16 to 200 characters.
 */
function WebhookSecretField(): PropertyDecorator {
  return (target, key) => {
    Field(() => String, {
      nullable: true,
      description:
        "the tracker's own signing secret, when its webhook form generates one (Linear); else one is generated",
    })(target, key);
    IsOptional()(target, key);
    IsString()(target, key);
    MinLength(16, { message: 'must be at least 16 characters' })(target, key);
    MaxLength(200)(target, key);
  };
}

@ArgsType()
export class RotateSecretArgs extends VersionedIdArgs {
  @WebhookSecretField()
  webhookSecret?: string | null;
}

@ArgsType()
export class SourceIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  id: string;
}
