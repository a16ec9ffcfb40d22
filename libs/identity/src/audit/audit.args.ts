import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PageArgs } from '@app/common';

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field({ nullable: true, description: 'e.g. OBJECTIVE, TICKET, MEMBERSHIP' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z_]{0,39}$/, { message: 'must be an entity type such as OBJECTIVE' })
  entityType?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  entityId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  userId?: string;
}
