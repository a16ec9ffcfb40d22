import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SprintType } from '@app/delivery';
import type { Sprint } from '@app/database';
import type { Measure } from '@app/domain';
import { AlignmentReportType } from '../report/alignment-report.type.js';
import { MeasureEnum } from '../report/scope.js';

@ArgsType()
export class AlignmentTrendArgs {
  @Field(() => [String], {
    nullable: true,
    description: "these teams' sprints (default: every team's)",
  })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  @ArrayMaxSize(50)
  teamKeys?: string[];

  @Field(() => Int, { defaultValue: 6, description: 'the last N sprints (1..26), oldest first' })
  @IsInt()
  @Min(1)
  @Max(26)
  last: number = 6;

  @Field(() => MeasureEnum, { defaultValue: 'POINTS' })
  @IsIn(Object.values(MeasureEnum))
  measure: Measure = 'POINTS';
}

@ObjectType('TrendPoint')
export class TrendPointType {
  @Field(() => SprintType)
  sprint: Sprint;

  @Field({ description: 'the active sprint, computed from current data' })
  live: boolean;

  @Field({ description: 'a closed sprint without a snapshot, computed from its ticket history' })
  recomputed: boolean;

  @Field(() => AlignmentReportType, { description: "the sprint's tickets (history included)" })
  report: AlignmentReportType;
}
