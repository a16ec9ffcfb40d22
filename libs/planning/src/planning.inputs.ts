import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayUnique, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsKey } from '@app/common';

@ArgsType()
export class CycleKeyArgs {
  @Field()
  @IsKey()
  cycleKey: string;
}

@ArgsType()
export class PlanVsActualArgs extends CycleKeyArgs {
  @Field(() => Int, {
    defaultValue: 50,
    description: 'scope changes to list (newest first, <= 200)',
  })
  @IsInt()
  @Min(1)
  @Max(200)
  first = 50;
}

@InputType()
export class CarryForwardInput {
  @Field({ description: 'the cycle to carry from' })
  @IsKey()
  fromCycleKey: string;

  @Field({ description: 'a DRAFT cycle' })
  @IsKey()
  toCycleKey: string;

  @Field(() => [String], {
    nullable: true,
    description: 'default: the unfinished ones (ACTIVE objectives whose progress is below 1)',
  })
  @IsOptional()
  @IsKey({ each: true })
  @ArrayUnique()
  @ArrayMaxSize(200)
  objectiveKeys?: string[];
}
