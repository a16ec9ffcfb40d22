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
    description:
      "these teams' sprints (default: every team's); one team: a point per sprint, several: a point per period",
  })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  @ArrayMaxSize(50)
  teamKeys?: string[];

  @Field(() => Int, {
    defaultValue: 6,
    description: 'the last N points (sprints or periods, 1..26), oldest first',
  })
  @IsInt()
  @Min(1)
  @Max(26)
  last: number = 6;

  @Field(() => MeasureEnum, { defaultValue: 'POINTS' })
  @IsIn(Object.values(MeasureEnum))
  measure: Measure = 'POINTS';
}

@ObjectType('TrendPeriod', { description: 'inclusive calendar dates (YYYY-MM-DD)' })
export class TrendPeriodType {
  @Field()
  start: string;

  @Field()
  end: string;
}

@ObjectType('TrendPoint', {
  description:
    'one sprint (the trend of one team) or one period (several teams: their sprints ending in one window of the cadence)',
})
export class TrendPointType {
  @Field(() => SprintType, {
    description:
      "the point's sprint (one team), or for a period of several teams' sprints the one ending last (kept non-null for clients of the per-sprint trend: read `sprints` and `period` for a period)",
  })
  sprint: Sprint;

  @Field(() => [SprintType], { description: 'the sprints of the point, by end date' })
  sprints: Sprint[];

  @Field(() => TrendPeriodType, {
    description:
      "one team: the sprint's dates; several: the window of the organization's cadence (cadenceDays) its sprints end in, counted back from the newest sprint's end date",
  })
  period: TrendPeriodType;

  @Field({ description: 'holds an ACTIVE sprint: computed from current data' })
  live: boolean;

  @Field({
    description:
      'holds a CLOSED sprint, computed from ticket history (no snapshot, or several sprints whose stored reports cannot be added)',
  })
  recomputed: boolean;

  @Field(() => AlignmentReportType, {
    description:
      "the tickets of the point's sprints (history included), each once: equals alignment(scope: { sprintKeys }) for them, or a closed sprint's snapshot",
  })
  report: AlignmentReportType;
}
