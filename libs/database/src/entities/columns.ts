import {
  Column,
  CreateDateColumn,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { ValueTransformer } from 'typeorm';
import { MEASURE } from '@app/domain';

/** PostgreSQL `numeric` comes back from node-postgres as a string; the model works in numbers. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * Every tenant row is keyed `(organization_id, id)`: the primary key leads with the tenant, and
 * foreign keys reference both columns so a row can never point into another organization
 * (row-level security does not apply to foreign-key checks).
 */
export abstract class TenantEntity {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Entities that are archived rather than deleted (history keeps pointing at them). */
export abstract class ArchivableTenantEntity extends TenantEntity {
  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;
}

/**
 * CHECK expressions for the bounds of docs/design.md 4.5 (the numbers come from libs/domain, so a
 * changed bound shows up as a pending migration). NULL passes, as in every CHECK.
 */
export const atMostCheck = (column: string, max: number) => `"${column}" <= ${max}`;
export const measureCheck = (...columns: string[]) =>
  columns.map((c) => `"${c}" BETWEEN ${MEASURE.min} AND ${MEASURE.max}`).join(' AND ');

export const NumericColumn = (options: { nullable?: boolean; default?: number } = {}) =>
  Column({ type: 'numeric', transformer: numericTransformer, ...options });

/**
 * The row's version for optimistic locking: 1 when inserted, bumped by the database (trigger
 * `bump_row_version`) on every UPDATE that changes something, whoever writes it. TypeORM reads it
 * back after each save; it guards nothing by itself (see libs/common `loadForEdit`).
 */
export const RowVersion = () => VersionColumn({ type: 'integer', default: 1 });
