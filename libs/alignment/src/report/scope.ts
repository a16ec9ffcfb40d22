import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { organizationOf } from '@app/database';
import { DomainError, type Measure } from '@app/domain';
import { COUNTED_TICKET } from './counted-tickets.sql.js';

export const MeasureEnum = { POINTS: 'POINTS', COUNT: 'COUNT' } as const;
registerEnumType(MeasureEnum, {
  name: 'Measure',
  description:
    'POINTS: story points (unestimated at the organization setting); COUNT: every ticket 1',
});

/** docs/design.md 2.1 "Scope": which tickets a report counts. */
@InputType()
export class AlignmentScopeInput {
  @Field(() => [String], {
    nullable: true,
    description: 'tickets that were in any of these sprints (history included)',
  })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  @ArrayMaxSize(200)
  sprintKeys?: string[];

  @Field({ nullable: true, description: 'tickets that were in any sprint overlapping the cycle' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cycleKey?: string;

  @Field(() => [String], {
    nullable: true,
    description: "narrows to tickets whose current sprint is these teams'",
  })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  @ArrayMaxSize(200)
  teamKeys?: string[];

  @Field(() => MeasureEnum, { defaultValue: 'POINTS' })
  @IsIn(Object.values(MeasureEnum))
  measure: Measure = 'POINTS';
}

/**
 * The scope's arguments as a key (Tenant.sharedSnapshot): two inputs with one key ask for the same
 * tickets in the same measure.
 */
export function scopeKey(input: AlignmentScopeInput | null | undefined): string {
  return JSON.stringify([
    input?.sprintKeys ?? null,
    input?.cycleKey ?? null,
    input?.teamKeys ?? null,
    input?.measure ?? 'POINTS',
  ]);
}

export interface ResolvedScope {
  /** the organization every statement over the scope names (docs/distribution.md) */
  organizationId: string;
  /** default: tickets whose current sprint is ACTIVE */
  sprintIds: string[] | null;
  cycle: { start: string; end: string } | null;
  teamIds: string[] | null;
  measure: Measure;
}

/** Checks the scope and turns keys into ids (NOT_FOUND names any unknown key). */
export async function resolveScope(
  em: EntityManager,
  input: AlignmentScopeInput | null | undefined,
): Promise<ResolvedScope> {
  const scope = input ?? new AlignmentScopeInput();
  const organizationId = organizationOf(em);
  if (scope.sprintKeys?.length && scope.cycleKey) {
    throw DomainError.badInput('scope.cycleKey', 'give sprintKeys or cycleKey, not both');
  }
  const ids = async (table: 'sprints' | 'teams', what: string, keys: string[] | undefined) => {
    if (!keys?.length) return null;
    const rows: { id: string; key: string }[] = await em.query(
      `SELECT id, key FROM ${table} WHERE organization_id = $1 AND key = ANY($2::text[])`,
      [organizationId, keys],
    );
    const missing = keys.filter((k) => !rows.some((r) => r.key === k));
    if (missing.length) throw DomainError.notFound(what, `with key "${missing[0]}"`);
    return rows.map((r) => r.id);
  };
  let cycle: ResolvedScope['cycle'] = null;
  if (scope.cycleKey) {
    const rows: { start: string; end: string }[] = await em.query(
      `SELECT start_date AS start, end_date AS "end" FROM cycles WHERE organization_id = $1 AND key = $2`,
      [organizationId, scope.cycleKey],
    );
    if (!rows.length) throw DomainError.notFound('cycle', `with key "${scope.cycleKey}"`);
    cycle = rows[0];
  }
  return {
    organizationId,
    sprintIds: await ids('sprints', 'sprint', scope.sprintKeys),
    cycle,
    teamIds: await ids('teams', 'team', scope.teamKeys),
    measure: scope.measure ?? 'POINTS',
  };
}

/**
 * The WHERE condition selecting the scope's tickets (alias `t`), with its parameters appended to
 * `params`. Cancelled tickets, sub-tasks (their parent counts) and archived tickets never count.
 */
export function scopeCondition(scope: ResolvedScope, params: unknown[]): string {
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const org = p(scope.organizationId);
  const parts = [`t.organization_id = ${org}`, COUNTED_TICKET];
  if (scope.sprintIds) {
    parts.push(
      `t.id IN (SELECT ts.ticket_id FROM ticket_sprints ts
                 WHERE ts.organization_id = ${org} AND ts.sprint_id = ANY(${p(scope.sprintIds)}::uuid[]))`,
    );
  } else if (scope.cycle) {
    parts.push(
      `t.id IN (SELECT ts.ticket_id FROM ticket_sprints ts
                  JOIN sprints sp ON sp.organization_id = ts.organization_id AND sp.id = ts.sprint_id
                 WHERE ts.organization_id = ${org}
                   AND sp.start_date <= ${p(scope.cycle.end)}::date AND sp.end_date >= ${p(scope.cycle.start)}::date)`,
    );
  } else {
    parts.push(
      `t.current_sprint_id IN (SELECT id FROM sprints WHERE organization_id = ${org} AND state = 'ACTIVE')`,
    );
  }
  if (scope.teamIds) {
    parts.push(
      `t.current_sprint_id IN (SELECT id FROM sprints
                                WHERE organization_id = ${org} AND team_id = ANY(${p(scope.teamIds)}::uuid[]))`,
    );
  }
  return parts.join(' AND ');
}
