import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  ArchivableListArgs,
  ExpectedVersion,
  IfGiven,
  IsKey,
  IsMeasureValue,
  IsNote,
  IsTitle,
} from '@app/common';

@InputType()
export class CreateKpiInput {
  @Field()
  @IsKey()
  key: string;

  @Field(() => ID, { description: 'the strategic goal whose health it measures' })
  @IsUUID('all', { message: 'must be an id' })
  goalId: string;

  @Field()
  @IsTitle()
  title: string;

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(50)
  unit: string = '';

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsMeasureValue()
  current?: number | null;

  @Field(() => Float, { nullable: true, description: 'absent: no lower bound' })
  @IsOptional()
  @IsMeasureValue()
  healthyMin?: number | null;

  @Field(() => Float, { nullable: true, description: 'absent: no upper bound; >= healthyMin' })
  @IsOptional()
  @IsMeasureValue()
  healthyMax?: number | null;
}

@InputType()
export class UpdateKpiInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  id: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsKey()
  key?: string;

  @Field(() => ID, { nullable: true })
  @IfGiven()
  @IsUUID('all', { message: 'must be an id' })
  goalId?: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsTitle()
  title?: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsString()
  @MaxLength(50)
  unit?: string;

  @Field(() => Float, { nullable: true, description: 'prefer checkInKpi, which keeps the history' })
  @IfGiven()
  @IsMeasureValue()
  current?: number;

  @Field(() => Float, { nullable: true, description: 'null removes the lower bound' })
  @IsOptional()
  @IsMeasureValue()
  healthyMin?: number | null;

  @Field(() => Float, { nullable: true, description: 'null removes the upper bound' })
  @IsOptional()
  @IsMeasureValue()
  healthyMax?: number | null;

  @ExpectedVersion()
  expectedVersion?: number | null;
}

@ArgsType()
export class KpiListArgs extends ArchivableListArgs {
  @Field(() => ID, { nullable: true, description: 'only the KPIs of this strategic goal' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  goalId?: string | null;
}

@InputType()
export class CheckInKpiInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  kpiId: string;

  @Field(() => Float, { description: 'the new current value' })
  @IsMeasureValue()
  value: number;

  @Field({ defaultValue: '' })
  @IsNote()
  note: string = '';
}
