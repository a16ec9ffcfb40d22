import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ArchivableListArgs, ExpectedVersion, IfGiven, IsCalendarDate, IsKey } from '@app/common';
import type { CycleState } from '@app/database';
import { CycleStateEnum } from '../shared/enums.js';

const STATES = Object.values(CycleStateEnum);

@InputType({
  description:
    'a new cycle is DRAFT; lockCycle makes it ACTIVE (with its baseline), closeCycle CLOSED',
})
export class CreateCycleInput {
  @Field()
  @IsKey()
  key: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  startDate: string;

  @Field({ description: 'YYYY-MM-DD, on or after startDate' })
  @IsCalendarDate()
  endDate: string;
}

@InputType({ description: 'the state changes only through lockCycle and closeCycle' })
export class UpdateCycleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  id: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsKey()
  key?: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IfGiven()
  @IsCalendarDate()
  startDate?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD, on or after startDate' })
  @IfGiven()
  @IsCalendarDate()
  endDate?: string;

  @ExpectedVersion()
  expectedVersion?: number | null;
}

@ArgsType()
export class CycleListArgs extends ArchivableListArgs {
  @Field(() => CycleStateEnum, { nullable: true })
  @IsOptional()
  @IsIn(STATES)
  state?: CycleState | null;
}
