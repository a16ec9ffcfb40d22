import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ExpectedVersion, IsPoints } from '@app/common';
import {
  CADENCE_DAYS_MAX,
  CADENCE_DAYS_MIN,
  STATUS_CATEGORIES,
  WORK_TYPES,
  type StatusCategory,
  type WorkType,
} from '@app/domain';

export const StatusCategoryEnum = Object.fromEntries(STATUS_CATEGORIES.map((v) => [v, v])) as {
  [K in StatusCategory]: K;
};
export const WorkTypeEnum = Object.fromEntries(WORK_TYPES.map((v) => [v, v])) as {
  [K in WorkType]: K;
};
const CADENCE_DESCRIPTION = `sprint length in days (${CADENCE_DAYS_MIN}..${CADENCE_DAYS_MAX}, default 14): expected sprints where a cycle has none yet, and the period of the trend of several teams`;

registerEnumType(StatusCategoryEnum, { name: 'StatusCategory' });
registerEnumType(WorkTypeEnum, { name: 'WorkType' });

@ObjectType('StatusMappingEntry')
@InputType('StatusMappingEntryInput')
export class StatusMappingEntry {
  @Field({ description: 'raw status name, matched case-insensitively' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  status: string;

  @Field(() => StatusCategoryEnum)
  @IsIn(STATUS_CATEGORIES)
  category: StatusCategory;
}

@ObjectType('WorkTypeMappingEntry')
@InputType('WorkTypeMappingEntryInput')
export class WorkTypeMappingEntry {
  @Field({ description: 'a label or issue type, matched case-insensitively' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @Field(() => WorkTypeEnum)
  @IsIn(WORK_TYPES)
  workType: WorkType;
}

@ObjectType('WorkTypeMapping')
@InputType('WorkTypeMappingInput')
export class WorkTypeMappingType {
  @Field(() => [WorkTypeMappingEntry], { description: 'labels win over the issue type' })
  @ValidateNested({ each: true })
  @Type(() => WorkTypeMappingEntry)
  @ArrayMaxSize(500)
  labels: WorkTypeMappingEntry[];

  @Field(() => [WorkTypeMappingEntry])
  @ValidateNested({ each: true })
  @Type(() => WorkTypeMappingEntry)
  @ArrayMaxSize(500)
  issueTypes: WorkTypeMappingEntry[];

  @Field(() => WorkTypeEnum)
  @IsIn(WORK_TYPES)
  fallback: WorkType;
}

@ObjectType('HorizonMix')
@InputType('HorizonMixInput')
export class HorizonMix {
  @Field(() => Float)
  @IsNumber()
  @Min(0)
  @Max(1)
  CORE: number;

  @Field(() => Float)
  @IsNumber()
  @Min(0)
  @Max(1)
  ADJACENT: number;

  @Field(() => Float)
  @IsNumber()
  @Min(0)
  @Max(1)
  TRANSFORMATIONAL: number;
}

@ObjectType('Thresholds')
@InputType('ThresholdsInput')
export class Thresholds {
  @Field(() => Float, { description: '|gap| at or above which a goal drifts' })
  @IsNumber()
  @Min(0)
  @Max(1)
  drift: number;

  @Field(() => Float, { description: 'outcome vs output: delivery at or above this ...' })
  @IsNumber()
  @Min(0)
  @Max(1)
  outputHigh: number;

  @Field(() => Float, { description: '... with progress at or below this is flagged' })
  @IsNumber()
  @Min(0)
  @Max(1)
  outcomeLow: number;

  @Field(() => Float, { description: 'hours, 0.01..100,000' })
  @IsNumber()
  @Min(0.01)
  @Max(100_000)
  staleAfterHours: number;
}

@ObjectType()
export class OrganizationSettings {
  @Field(() => Float, { description: 'effort of a ticket without points (measure POINTS)' })
  unestimatedPoints: number;

  @Field(() => [StatusMappingEntry])
  statusMapping: StatusMappingEntry[];

  @Field(() => WorkTypeMappingType)
  workTypeMapping: WorkTypeMappingType;

  @Field(() => HorizonMix)
  horizonTargetMix: HorizonMix;

  @Field(() => Thresholds)
  thresholds: Thresholds;

  @Field(() => Int, {
    description: 'days between check-ins before a key result or KPI is overdue (gaps), default 7',
  })
  checkInEveryDays: number;
  @Field(() => Int, { description: CADENCE_DESCRIPTION })
  cadenceDays: number;
}

/** Every part optional; a part that is given replaces the stored one. */
@InputType()
export class OrganizationSettingsInput {
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsPoints()
  unestimatedPoints?: number;

  @Field(() => [StatusMappingEntry], { nullable: true })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => StatusMappingEntry)
  @ArrayMaxSize(500)
  statusMapping?: StatusMappingEntry[];

  @Field(() => WorkTypeMappingType, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => WorkTypeMappingType)
  workTypeMapping?: WorkTypeMappingType;

  @Field(() => HorizonMix, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => HorizonMix)
  horizonTargetMix?: HorizonMix;

  @Field(() => Thresholds, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => Thresholds)
  thresholds?: Thresholds;

  @Field(() => Int, { nullable: true, description: '1..365 days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  checkInEveryDays?: number;
  @Field(() => Int, { nullable: true, description: CADENCE_DESCRIPTION })
  @IsOptional()
  @IsInt()
  @Min(CADENCE_DAYS_MIN)
  @Max(CADENCE_DAYS_MAX)
  cadenceDays?: number;

  @ExpectedVersion()
  expectedVersion?: number | null;
}
