import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertVersion, Tenant, type Actor } from '@app/common';
import { Organization, organizationOf, Ticket } from '@app/database';
import {
  DomainError,
  resolveSettings,
  settingsProblems,
  statusCategoryOf,
  workTypeOf,
  type OrganizationSettings,
} from '@app/domain';
import type { OrganizationSettingsInput } from './organization-settings.type.js';
import { applySettingsInput } from './settings.mapper.js';

const SETTING_PARTS = [
  'unestimatedPoints',
  'statusMapping',
  'workTypeMapping',
  'horizonTargetMix',
  'thresholds',
  'checkInEveryDays',
  'cadenceDays',
] as const satisfies readonly (keyof OrganizationSettings)[];

@Injectable()
export class OrganizationService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  get(actor: Actor): Promise<Organization> {
    return this.tenant.run(actor, (em) => this.load(em, actor));
  }

  rename(actor: Actor, name: string, expectedVersion?: number | null): Promise<Organization> {
    return this.tenant.run(actor, async (em) => {
      const org = await this.load(em, actor, true);
      assertVersion(org, expectedVersion, `organization "${org.slug}"`);
      org.name = name.trim();
      return em.save(org);
    });
  }

  /**
   * Validates the whole resulting settings document, stores it, and re-derives what depends on the
   * mappings (every ticket's work type and status category) in the same transaction.
   */
  updateSettings(actor: Actor, input: OrganizationSettingsInput): Promise<Organization> {
    return this.tenant.run(actor, async (em) => {
      // Locked: two concurrent edits of different parts must not undo each other.
      const org = await this.load(em, actor, true);
      assertVersion(org, input.expectedVersion, `the settings of organization "${org.slug}"`);
      const next = applySettingsInput(resolveSettings(org.settings), input);
      const problems = settingsProblems(next);
      if (problems.length) {
        throw new DomainError(
          'BAD_USER_INPUT',
          problems.map((p) => `input.${p.field}: ${p.message}`).join('; '),
          problems.map((p) => ({ field: `input.${p.field}`, message: p.message })),
        );
      }
      // Only the parts given are stored: the others keep following the defaults of libs/domain.
      const given = SETTING_PARTS.filter(
        (part) => input[part] !== undefined && input[part] !== null,
      );
      const stored = { ...org.settings, ...Object.fromEntries(given.map((p) => [p, next[p]])) };
      await em.update(Organization, { id: actor.organizationId }, { settings: stored });
      if (input.workTypeMapping) await rederiveWorkTypes(em, next);
      if (input.statusMapping) await rederiveStatusCategories(em, next);
      return this.load(em, actor);
    });
  }

  private async load(em: EntityManager, actor: Actor, forUpdate = false): Promise<Organization> {
    const org = await em.findOne(Organization, {
      where: { id: actor.organizationId },
      // NO KEY UPDATE: serializes edits of the organization without waiting for every
      // transaction whose foreign-key checks hold KEY SHARE on it (any insert of its rows).
      ...(forUpdate ? { lock: { mode: 'for_no_key_update' as const } } : {}),
    });
    if (!org) throw DomainError.notFound('organization', actor.organizationId);
    return org;
  }
}

/**
 * Recomputes tickets' work types set-based: the rule (libs/domain workTypeOf) runs once per
 * distinct (labels, type) pair, then one UPDATE applies the results.
 */
async function rederiveWorkTypes(em: EntityManager, settings: OrganizationSettings): Promise<void> {
  const combos: { labels: string[]; type: string }[] = await em
    .createQueryBuilder(Ticket, 't')
    .select(['t.labels AS labels', 't.type AS type'])
    .distinct(true)
    .getRawMany();
  if (combos.length === 0) return;
  await em.query(
    `UPDATE tickets t SET work_type = c.work_type
       FROM jsonb_to_recordset($1::jsonb) AS c(labels text[], type text, work_type text)
      WHERE t.organization_id = $2 AND t.labels = c.labels AND t.type = c.type
        AND t.work_type <> c.work_type`,
    [
      JSON.stringify(
        combos.map((c) => ({
          ...c,
          work_type: workTypeOf(c.labels, c.type, settings.workTypeMapping),
        })),
      ),
      organizationOf(em),
    ],
  );
}

/** Likewise for status categories; a raw status the mapping does not know keeps its category. */
async function rederiveStatusCategories(
  em: EntityManager,
  settings: OrganizationSettings,
): Promise<void> {
  const statuses: { raw: string }[] = await em
    .createQueryBuilder(Ticket, 't')
    .select('DISTINCT t.rawStatus', 'raw')
    .getRawMany();
  const mapped = statuses
    .map(({ raw }) => ({ raw, category: statusCategoryOf(raw, settings.statusMapping) }))
    .filter((m) => m.category !== null);
  if (mapped.length === 0) return;
  await em.query(
    `UPDATE tickets t SET status_category = m.category
       FROM jsonb_to_recordset($1::jsonb) AS m(raw text, category text)
      WHERE t.organization_id = $2 AND t.raw_status = m.raw AND t.status_category <> m.category`,
    [JSON.stringify(mapped), organizationOf(em)],
  );
}
