import { Inject, Injectable } from '@nestjs/common';
import { findOrNotFound, loadForEdit, removedMeanwhile, Tenant, type Actor } from '@app/common';
import { Initiative, InitiativeLink, KeyResult, Objective } from '@app/database';
import { DomainError } from '@app/domain';
import type { LinkInitiativeInput } from './initiative-link.inputs.js';

@Injectable()
export class InitiativeLinkService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  /**
   * Links an initiative up to a key result or an objective, or sets the weight of that existing
   * link. Initiatives only point upwards, so no cycle can close here; the write still takes the
   * organization's link lock so every link write of an organization is serialized with the
   * objective links' cycle checks.
   */
  link(actor: Actor, input: LinkInitiativeInput): Promise<InitiativeLink> {
    return this.tenant.run(actor, async (em) => {
      if ((input.keyResultId ? 1 : 0) + (input.objectiveId ? 1 : 0) !== 1) {
        throw DomainError.badInput(
          'input.keyResultId',
          'give exactly one of keyResultId or objectiveId',
        );
      }
      await this.tenant.lock(em, actor, 'links');
      const initiative = await findOrNotFound(em, Initiative, 'initiative', input.initiativeId);
      const target = input.keyResultId
        ? { keyResultId: (await findOrNotFound(em, KeyResult, 'key result', input.keyResultId)).id }
        : {
            objectiveId: (await findOrNotFound(em, Objective, 'objective', input.objectiveId!)).id,
          };
      const name = `the link of initiative ${initiative.key}`;
      const existing = await loadForEdit(
        em,
        InitiativeLink,
        { initiativeId: input.initiativeId, ...target },
        input.expectedVersion,
        () => name,
      );
      if (!existing && input.expectedVersion) throw removedMeanwhile(name, input.expectedVersion);
      if (existing) {
        existing.weight = input.weight;
        return em.save(existing);
      }
      return em.save(
        em.create(InitiativeLink, {
          organizationId: actor.organizationId,
          initiativeId: input.initiativeId,
          keyResultId: target.keyResultId ?? null,
          objectiveId: target.objectiveId ?? null,
          weight: input.weight,
        }),
      );
    });
  }

  unlink(actor: Actor, id: string): Promise<boolean> {
    return this.tenant.run(actor, async (em) => {
      await this.tenant.lock(em, actor, 'links');
      const link = await findOrNotFound(em, InitiativeLink, 'initiative link', id);
      await em.delete(InitiativeLink, { organizationId: link.organizationId, id: link.id });
      return true;
    });
  }
}
