import { Inject, Injectable } from '@nestjs/common';
import { findOrNotFound, Tenant, type Actor } from '@app/common';
import { Initiative, InitiativeDependency } from '@app/database';
import { DomainError } from '@app/domain';
import { assertNoDependencyCycle } from './dependency-cycles.js';
import type { AddInitiativeDependencyInput } from './initiative-dependency.inputs.js';

/** Dependencies between initiatives: who waits on whom (docs/design.md 3). */
@Injectable()
export class InitiativeDependencyService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  /**
   * Records that an initiative is blocked by another, or replaces the note of that dependency.
   * Both must be initiatives of the organization (another's ids are NOT_FOUND); a dependency on
   * itself, or one that would close a cycle, is refused naming the path.
   */
  add(actor: Actor, input: AddInitiativeDependencyInput): Promise<InitiativeDependency> {
    return this.tenant.run(actor, async (em) => {
      if (input.initiativeId === input.blockedById) {
        throw DomainError.badInput(
          'input.blockedById',
          'an initiative cannot be blocked by itself',
        );
      }
      const initiative = await findOrNotFound(em, Initiative, 'initiative', input.initiativeId);
      const blocker = await findOrNotFound(em, Initiative, 'initiative', input.blockedById);
      await assertNoDependencyCycle(
        em,
        this.tenant,
        actor,
        [{ initiativeId: initiative.id, blockedById: blocker.id }],
        () => 'input.blockedById',
      );
      const existing = await em.findOne(InitiativeDependency, {
        where: { initiativeId: initiative.id, blockedById: blocker.id },
      });
      const note = input.note?.trim() || null;
      if (existing) {
        if (input.note === undefined) return existing;
        existing.note = note;
        return em.save(existing);
      }
      return em.save(
        em.create(InitiativeDependency, {
          organizationId: actor.organizationId,
          initiativeId: initiative.id,
          blockedById: blocker.id,
          note,
        }),
      );
    });
  }

  remove(actor: Actor, id: string): Promise<boolean> {
    return this.tenant.run(actor, async (em) => {
      const dependency = await findOrNotFound(
        em,
        InitiativeDependency,
        'initiative dependency',
        id,
      );
      await em.delete(InitiativeDependency, {
        organizationId: dependency.organizationId,
        id: dependency.id,
      });
      return true;
    });
  }
}
