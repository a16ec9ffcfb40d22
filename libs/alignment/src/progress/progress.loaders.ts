import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { byKey, groupByKey, Tenant, type RequestContext } from '@app/common';
import { Organization, type KeyResult } from '@app/database';
import {
  keyResultProgress,
  objectiveScore,
  outcomeVsOutput,
  resolveSettings,
  type InitiativeDelivery,
  type OrganizationSettings,
  type OutcomeVsOutput,
} from '@app/domain';
import { KeyResultLoaders } from '@app/strategy';
import { computedOutcomeVsOutput } from './computed-outcome-vs-output.js';
import { initiativeDeliveries, supportLinks, type SupportLink } from './delivery.queries.js';

/**
 * Per-request batch loaders for the progress figures of docs/design.md 2.2 that read tickets and
 * links: one statement per tree level whatever the number of initiatives or key results.
 */
@Injectable()
export class ProgressLoaders {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(KeyResultLoaders) private readonly keyResults: KeyResultLoaders,
  ) {}

  /** The caller's organization settings, completed with the defaults; read once per request. */
  settings(ctx: RequestContext): Promise<OrganizationSettings> {
    return ctx.loaders
      .get<string, OrganizationSettings>('Alignment.settings', (ids) =>
        this.tenant
          .load(ctx.actor!, (em) => em.find(Organization, { where: { id: In([...ids]) } }))
          .then((rows) => byKey(ids, rows, (o) => o.id).map((o) => resolveSettings(o?.settings))),
      )
      .load(ctx.actor!.organizationId);
  }

  /** `Initiative.delivery` */
  delivery(ctx: RequestContext) {
    return ctx.loaders.get<string, InitiativeDelivery>('Alignment.delivery', async (ids) => {
      const { unestimatedPoints } = await this.settings(ctx);
      const found = await this.tenant.load(ctx.actor!, (em) =>
        initiativeDeliveries(em, ids, unestimatedPoints),
      );
      return ids.map((id) => found.get(id)!);
    });
  }

  /** The live initiatives supporting each key result, with their link weights. */
  supportLinks(ctx: RequestContext) {
    return ctx.loaders.get<string, SupportLink[]>('Alignment.supportLinks', (ids) =>
      this.tenant
        .load(ctx.actor!, (em) => supportLinks(em, ids))
        .then((rows) => groupByKey(ids, rows, (l) => l.keyResultId)),
    );
  }

  /**
   * `KeyResult.outcomeVsOutput`: the key result's own progress against its supporting
   * initiatives' delivery. Costs the links, the deliveries and the settings: three batched
   * statements for all key results of a level; nothing for a key result whose report computed it.
   */
  async outcomeVsOutput(ctx: RequestContext, keyResult: KeyResult): Promise<OutcomeVsOutput> {
    const known = computedOutcomeVsOutput(keyResult);
    if (known) return known;
    const [links, settings] = await Promise.all([
      this.supportLinks(ctx).load(keyResult.id),
      this.settings(ctx),
    ]);
    const deliveries = await this.delivery(ctx).loadMany(links.map((l) => l.initiativeId));
    const supporting = links.map((link, i) => {
      const found = deliveries[i];
      if (found instanceof Error) throw found;
      return { delivery: found.delivery, weight: link.weight };
    });
    return outcomeVsOutput(keyResultProgress(keyResult), supporting, settings.thresholds);
  }

  /** `Objective.score`, from the same batch as `Objective.keyResults`. */
  objectiveScore(ctx: RequestContext) {
    return ctx.loaders.get<string, number | null>('Alignment.objectiveScore', async (ids) => {
      const lists = await this.keyResults.byObjective(ctx).loadMany(ids);
      return lists.map((krs) => (krs instanceof Error ? krs : objectiveScore(krs)));
    });
  }
}
