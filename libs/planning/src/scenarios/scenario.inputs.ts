import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IfGiven, IsCapacity, IsEstimate, IsKey, IsLinkWeight } from '@app/common';
import type { Priority } from '@app/database';
import { PRIORITIES, PriorityEnum } from '@app/delivery';
import { MAX_LIST, MAX_SCENARIO_NAME } from '@app/domain';

const IsId = () => IsUUID('all', { message: 'must be an id' });

/** A scenario's name: 1..120 characters, not only spaces (it heads a comparison column). */
function IsScenarioName(): PropertyDecorator {
  return (target, property) => {
    IsString()(target, property);
    MinLength(1, { message: 'must not be empty' })(target, property);
    MaxLength(MAX_SCENARIO_NAME, {
      message: `must be at most ${MAX_SCENARIO_NAME} characters`,
    })(target, property);
    Matches(/\S/, { message: 'must not be only spaces' })(target, property);
  };
}

/** The expected version every scenario write names (scenarios are always edited side by side). */
function IsExpectedVersion(): PropertyDecorator {
  return (target, property) => {
    Field(() => Int, {
      description:
        'the version you read: when the scenario changed since, nothing is written (CONFLICT)',
    })(target, property);
    IsInt({ message: 'must be a whole number' })(target, property);
    Min(1, { message: 'must be 1 or more' })(target, property);
  };
}

@InputType()
export class ForkScenarioInput {
  @Field({ description: 'a DRAFT cycle' })
  @IsKey()
  cycleKey: string;

  @Field({ description: '1-120 characters, unique among the cycle’s scenarios' })
  @IsScenarioName()
  name: string;

  @Field(() => ID, {
    nullable: true,
    description: 'copy this scenario of the same cycle instead of the live plan',
  })
  @IsOptional()
  @IsId()
  fromScenarioId?: string | null;
}

@InputType()
export class ScenarioInitiativeInput {
  @Field(() => ID, {
    description:
      'an initiative of the scenario, or one to add: not archived, in no cycle or in this one',
  })
  @IsId()
  initiativeId: string;

  @Field({ nullable: true, description: 'in the scenario’s plan (an added one: true)' })
  @IfGiven()
  @IsBoolean({ message: 'must be true or false' })
  included?: boolean;

  @Field(() => Float, { nullable: true, description: 'story points; null: not estimated' })
  @IsOptional()
  @IsEstimate()
  estimate?: number | null;

  @Field(() => PriorityEnum, { nullable: true })
  @IfGiven()
  @IsIn(PRIORITIES, { message: 'must be MUST, SHOULD, COULD or WONT' })
  priority?: Priority;
}

@InputType()
export class ScenarioTeamInput {
  @Field(() => ID)
  @IsId()
  teamId: string;

  @Field(() => Float, { description: 'story points per sprint, 0..100,000' })
  @IsCapacity()
  capacityPerSprint: number;
}

@InputType()
export class ScenarioLinkInput {
  @Field(() => ID)
  @IsId()
  initiativeId: string;

  @Field(() => ID, { nullable: true, description: 'exactly one of keyResultId or objectiveId' })
  @IsOptional()
  @IsId()
  keyResultId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  objectiveId?: string | null;

  @Field(() => Float, { description: '> 0, at most 1,000' })
  @IsLinkWeight()
  weight: number;
}

@InputType()
export class UpdateScenarioInput {
  @Field(() => ID)
  @IsId()
  id: string;

  @IsExpectedVersion()
  expectedVersion: number;

  @Field({ nullable: true })
  @IfGiven()
  @IsScenarioName()
  name?: string;

  @Field(() => [ScenarioInitiativeInput], {
    nullable: true,
    description: 'changes to initiatives (only the fields given change)',
  })
  @IfGiven()
  @ValidateNested({ each: true })
  @Type(() => ScenarioInitiativeInput)
  @ArrayMaxSize(MAX_LIST)
  initiatives?: ScenarioInitiativeInput[];

  @Field(() => [ScenarioTeamInput], { nullable: true })
  @IfGiven()
  @ValidateNested({ each: true })
  @Type(() => ScenarioTeamInput)
  @ArrayMaxSize(MAX_LIST)
  teams?: ScenarioTeamInput[];

  @Field(() => [ScenarioLinkInput], { nullable: true })
  @IfGiven()
  @ValidateNested({ each: true })
  @Type(() => ScenarioLinkInput)
  @ArrayMaxSize(MAX_LIST)
  links?: ScenarioLinkInput[];
}

@ArgsType()
export class ScenarioIdArgs {
  @Field(() => ID)
  @IsId()
  id: string;
}

@ArgsType()
export class VersionedScenarioArgs extends ScenarioIdArgs {
  @IsExpectedVersion()
  expectedVersion: number;
}

@ArgsType()
export class CompareScenariosArgs {
  @Field()
  @IsKey()
  cycleKey: string;

  @Field(() => [ID], { description: '1 to 3 scenarios of the cycle, each a column after the plan' })
  @IsUUID('all', { each: true, message: 'must be an id' })
  @ArrayMinSize(1, { message: 'must name at least 1 scenario' })
  @ArrayMaxSize(3, { message: 'must name at most 3 scenarios' })
  @ArrayUnique({ message: 'must not name a scenario twice' })
  scenarioIds: string[];
}
