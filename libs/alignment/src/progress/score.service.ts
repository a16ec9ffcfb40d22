import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { findForEdit, findOrNotFound, Tenant, type Actor } from '@app/common';
import { Cycle, hydrate, KeyResult } from '@app/database';
import { DomainError, keyResultProgress, keyResultScore, scoreProblem } from '@app/domain';
import type { ScoreKeyResultInput } from './score.inputs.js';

/** docs/design.md 2.2, end of cycle: key result scores (0..1, by default the final progress). */
@Injectable()
export class KeyResultScoreService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  /** Sets (or corrects) one key result's score; the note replaces the previous one. */
  score(actor: Actor, input: ScoreKeyResultInput): Promise<KeyResult> {
    return this.tenant.run(actor, async (em) => {
      const kr = await findForEdit(
        em,
        KeyResult,
        'key result',
        input.keyResultId,
        input.expectedVersion,
      );
      if (kr.archivedAt) {
        throw DomainError.badInput('input.keyResultId', `key result "${kr.key}" is archived`);
      }
      const score = keyResultScore(keyResultProgress(kr), input.score);
      const problem = scoreProblem(score);
      if (problem) throw DomainError.badInput('input.score', problem);
      kr.score = score;
      kr.scoreNote = input.note?.trim() ?? '';
      return em.save(kr);
    });
  }

  /**
   * Scores, inside the caller's transaction (closeCycle), every key result of the cycle's
   * objectives that nobody has scored yet, at its current (final) progress; archived key results
   * are left alone. Scores given by hand are kept, also one written concurrently (the UPDATE
   * checks `score IS NULL` again). Returns how many key results it scored.
   */
  async scoreAll(em: EntityManager, actor: Actor, cycleId: string): Promise<number> {
    await findOrNotFound(em, Cycle, 'cycle', cycleId);
    const rows: Record<string, unknown>[] = await em.query(
      `SELECT kr.* FROM key_results kr
         JOIN objectives o ON o.organization_id = kr.organization_id AND o.id = kr.objective_id
        WHERE kr.organization_id = $1 AND o.cycle_id = $2 AND kr.score IS NULL AND kr.archived_at IS NULL`,
      [actor.organizationId, cycleId],
    );
    if (!rows.length) return 0;
    const scores = hydrate(em, KeyResult, rows).map((kr) => ({
      id: kr.id,
      score: keyResultScore(keyResultProgress(kr)),
    }));
    const [{ scored }]: { scored: number }[] = await em.query(
      `WITH done AS (
         UPDATE key_results k SET score = v.score, updated_at = now()
           FROM jsonb_to_recordset($2::jsonb) AS v(id uuid, score numeric)
          WHERE k.organization_id = $1 AND k.id = v.id AND k.score IS NULL
         RETURNING k.id)
       SELECT count(*)::int AS scored FROM done`,
      [actor.organizationId, JSON.stringify(scores)],
    );
    return scored;
  }
}
