import { Inject, Injectable } from '@nestjs/common';
import { loadForEdit, Tenant, type Actor } from '@app/common';
import { Vision } from '@app/database';
import { DomainError } from '@app/domain';
import type { UpdateVisionInput } from './vision.type.js';

/** The organization's one vision (created with the organization at sign-up). */
@Injectable()
export class VisionService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  get(actor: Actor): Promise<Vision> {
    return this.tenant.run(actor, async (em) => {
      const vision = await em.findOne(Vision, { where: { organizationId: actor.organizationId } });
      if (!vision) throw DomainError.notFound('vision of organization', actor.organizationId);
      return vision;
    });
  }

  update(actor: Actor, input: UpdateVisionInput): Promise<Vision> {
    return this.tenant.run(actor, async (em) => {
      const vision = await loadForEdit(
        em,
        Vision,
        { organizationId: actor.organizationId },
        input.expectedVersion,
        () => 'the vision',
      );
      if (!vision) throw DomainError.notFound('vision of organization', actor.organizationId);
      vision.statement = input.statement;
      vision.horizon = input.horizon;
      return em.save(vision);
    });
  }
}
