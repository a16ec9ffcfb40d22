import { Inject, Injectable } from '@nestjs/common';
import {
  assertKeyFree,
  EventBus,
  findByIdOrKey,
  findForEdit,
  findOrNotFound,
  pageQuery,
  Tenant,
  type Actor,
  type IdOrKeyArgs,
  type Page,
} from '@app/common';
import { CheckIn, KeyResult, Objective, organizationOf, type Confidence } from '@app/database';
import {
  checkInValueProblem,
  checkKeyResultMeasure,
  DomainError,
  type Direction,
  type MeasureDraft,
} from '@app/domain';
import {
  checkedHistory,
  insertCheckIn,
  insertDatedCheckIns,
  lockMeasured,
  type DatedReading,
} from '../shared/check-ins.js';
import type {
  CheckInInput,
  CreateKeyResultInput,
  KeyResultListArgs,
  UpdateKeyResultInput,
} from './key-result.inputs.js';

@Injectable()
export class KeyResultService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(EventBus) private readonly events: EventBus,
  ) {}

  get(actor: Actor, args: IdOrKeyArgs): Promise<KeyResult> {
    return this.tenant.run(actor, (em) => findByIdOrKey(em, KeyResult, 'key result', args));
  }

  list(actor: Actor, args: KeyResultListArgs): Promise<Page<KeyResult>> {
    return this.tenant.run(actor, async (em) => {
      const qb = em.createQueryBuilder(KeyResult, 'kr');
      if (!args.includeArchived) qb.andWhere('kr.archivedAt IS NULL');
      if (args.objectiveId) {
        await findOrNotFound(em, Objective, 'objective', args.objectiveId);
        qb.andWhere('kr.objectiveId = :objectiveId', { objectiveId: args.objectiveId });
      }
      return pageQuery(qb, 'key', args);
    });
  }

  create(actor: Actor, input: CreateKeyResultInput): Promise<KeyResult> {
    return this.tenant.run(actor, async (em) => {
      await assertKeyFree(em, KeyResult, 'a key result', input.key);
      await findOrNotFound(em, Objective, 'objective', input.objectiveId);
      const current = input.current ?? input.start;
      const direction = checkedDirection({
        kind: input.kind,
        start: input.start,
        target: input.target,
        current,
        direction: input.direction,
      });
      return em.save(
        em.create(KeyResult, {
          organizationId: actor.organizationId,
          key: input.key,
          objectiveId: input.objectiveId,
          title: input.title.trim(),
          kind: input.kind,
          direction,
          start: input.start,
          target: input.target,
          current,
          unit: input.unit,
          weight: input.weight,
        }),
      );
    });
  }

  /** The owning objective never changes (the input has no objectiveId). */
  update(actor: Actor, input: UpdateKeyResultInput): Promise<KeyResult> {
    return this.tenant.run(actor, async (em) => {
      const kr = await findForEdit(em, KeyResult, 'key result', input.id, input.expectedVersion);
      if (input.key !== undefined && input.key !== kr.key)
        await assertKeyFree(em, KeyResult, 'a key result', input.key);
      const measure = {
        kind: input.kind ?? kr.kind,
        start: input.start ?? kr.start,
        target: input.target ?? kr.target,
        current: input.current ?? kr.current,
      };
      // Without a named direction it is inferred again from start and target; the stored one is
      // kept only when they are equal.
      kr.direction = checkedDirection({ ...measure, direction: input.direction }, kr.direction);
      Object.assign(kr, measure);
      if (input.key !== undefined) kr.key = input.key;
      if (input.title !== undefined) kr.title = input.title.trim();
      if (input.unit !== undefined) kr.unit = input.unit;
      if (input.weight !== undefined) kr.weight = input.weight;
      return em.save(kr);
    });
  }

  archive(actor: Actor, id: string, expectedVersion?: number | null): Promise<KeyResult> {
    return this.tenant.run(actor, async (em) => {
      const kr = await findForEdit(em, KeyResult, 'key result', id, expectedVersion);
      kr.archivedAt ??= new Date();
      return em.save(kr);
    });
  }

  /**
   * Records the update in the history and makes it the key result's current state; once committed,
   * the organization's live views hear of it (checkInAdded). Concurrent check-ins of one key result
   * take turns on its row lock, and each is dated after it got the lock, so the newest check-in in
   * the history is always the one `current` holds.
   */
  async checkIn(actor: Actor, input: CheckInInput): Promise<KeyResult> {
    const { kr, checkIn } = await this.tenant.run(actor, async (em) => {
      const kr = await lockMeasured(em, KeyResult, 'key result', input.keyResultId);
      if (kr.archivedAt) {
        throw DomainError.badInput('input.keyResultId', `key result "${kr.key}" is archived`);
      }
      const problem = checkInValueProblem(kr.kind, input.value);
      if (problem) throw DomainError.badInput('input.value', problem);
      const checkIn = await insertCheckIn(em, CheckIn, {
        organizationId: actor.organizationId,
        keyResultId: kr.id,
        value: input.value,
        confidence: input.confidence,
        note: input.note,
        authorId: actor.userId,
      });
      kr.current = checkIn.value;
      kr.confidence = checkIn.confidence;
      return { kr: await em.save(kr), checkIn };
    });
    await this.events.publishAfterWrite({
      type: 'checkInAdded',
      organizationId: actor.organizationId,
      payload: { keyResultKey: kr.key, checkIn },
    });
    return kr;
  }
  /**
   * Records dated histories of check-ins, of one or several key results, in one transaction (the
   * demo's weekly check-ins over the past cycles; a history brought over from another tool): each
   * value checked as `checkIn` checks it, none dated in the future, all by the actor. Each key
   * result then holds the value and confidence of the newest check-in of its whole history, as
   * after `checkIn`. A history is no live event: nothing is published.
   */
  recordHistory(
    actor: Actor,
    histories: readonly {
      keyResultId: string;
      entries: readonly (DatedReading & { confidence: Confidence })[];
    }[],
  ): Promise<KeyResult[]> {
    return this.tenant.run(actor, async (em) => {
      const now = new Date();
      const rows: Parameters<typeof insertDatedCheckIns>[2] = [];
      // locked in id order, so two histories over the same key results cannot deadlock
      const ordered = histories
        .map((history, h) => ({ ...history, path: `histories[${h}]` }))
        .sort((a, b) => a.keyResultId.localeCompare(b.keyResultId));
      const locked: KeyResult[] = [];
      for (const { keyResultId, entries, path } of ordered) {
        const kr = await lockMeasured(em, KeyResult, 'key result', keyResultId);
        if (kr.archivedAt) {
          throw DomainError.badInput(`${path}.keyResultId`, `key result "${kr.key}" is archived`);
        }
        entries.forEach((entry, i) => {
          const problem = checkInValueProblem(kr.kind, entry.value);
          if (problem) throw DomainError.badInput(`${path}.entries[${i}].value`, problem);
        });
        for (const entry of checkedHistory(entries, now, `${path}.entries`))
          rows.push({
            organizationId: actor.organizationId,
            keyResultId: kr.id,
            value: entry.value,
            confidence: entry.confidence,
            note: entry.note,
            authorId: actor.userId,
            createdAt: entry.at,
          });
        locked.push(kr);
      }
      await insertDatedCheckIns(em, CheckIn, rows);
      const newest: { key_result_id: string; value: number; confidence: Confidence }[] =
        await em.query(
          `SELECT DISTINCT ON (key_result_id) key_result_id, value::float8 AS value, confidence
             FROM check_ins WHERE organization_id = $2 AND key_result_id = ANY($1::uuid[])
            ORDER BY key_result_id, created_at DESC`,
          [locked.map((kr) => kr.id), organizationOf(em)],
        );
      for (const row of newest) {
        const kr = locked.find((k) => k.id === row.key_result_id)!;
        kr.current = row.value;
        kr.confidence = row.confidence;
      }
      return em.save(locked);
    });
  }
}

/** The direction the measure rules allow, or BAD_USER_INPUT naming the field at fault. */
function checkedDirection(draft: MeasureDraft, keep?: Direction): Direction {
  const check = checkKeyResultMeasure(draft, keep);
  if (!check.ok) throw DomainError.badInput(`input.${check.field}`, check.message);
  return check.direction;
}
