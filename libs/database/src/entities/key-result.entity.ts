import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { WEIGHT, type Direction, type KeyResultKind } from '@app/domain';
import {
  ArchivableTenantEntity,
  atMostCheck,
  measureCheck,
  NumericColumn,
  RowVersion,
} from './columns.js';
import { Objective } from './objective.entity.js';
import { Organization } from './organization.entity.js';

export type Confidence = 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK';

/** A measurable result owned by exactly one objective (the owner never changes). */
@Entity('key_results')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Objective, ['organizationId', 'objectiveId'], ['organizationId', 'id'])
@Index(['organizationId', 'key'], { unique: true })
@ForeignKey(() => KeyResult, ['organizationId', 'originKeyResultId'], ['organizationId', 'id'])
@Index(['organizationId', 'objectiveId'])
@Index(['organizationId', 'originKeyResultId'])
@Check(`"kind" IN ('NUMERIC', 'PERCENT', 'CURRENCY', 'BOOLEAN')`)
@Check(`"direction" IN ('INCREASE', 'DECREASE')`)
@Check(`"confidence" IS NULL OR "confidence" IN ('ON_TRACK', 'AT_RISK', 'OFF_TRACK')`)
@Check(`"weight" > 0`)
@Check(atMostCheck('weight', WEIGHT.max))
@Check(measureCheck('start', 'target', 'current'))
@Check(`"score" IS NULL OR ("score" >= 0 AND "score" <= 1)`)
export class KeyResult extends ArchivableTenantEntity {
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'uuid' })
  objectiveId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  kind: KeyResultKind;

  @Column({ type: 'text' })
  direction: Direction;

  @NumericColumn()
  start: number;

  @NumericColumn()
  target: number;

  @NumericColumn()
  current: number;

  @Column({ type: 'text', default: '' })
  unit: string;

  @NumericColumn({ default: 1 })
  weight: number;

  @Column({ type: 'text', nullable: true })
  confidence: Confidence | null;

  /** end-of-cycle score 0..1; null until scored */
  @NumericColumn({ nullable: true })
  score: number | null;

  @Column({ type: 'text', default: '' })
  scoreNote: string;

  /** the key result of an earlier cycle this one was carried forward from (planning lineage) */
  @Column({ type: 'uuid', nullable: true })
  originKeyResultId: string | null;

  @RowVersion()
  version: number;
}
