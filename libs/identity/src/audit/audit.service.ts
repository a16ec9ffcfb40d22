import { Inject, Injectable } from '@nestjs/common';
import { pageQuery, Tenant, type Actor, type Page } from '@app/common';
import { AuditEntry as AuditRow } from '@app/database';
import type { AuditLogArgs } from './audit.args.js';
import { AuditAction, type AuditEntry } from './audit-entry.type.js';

const ACTIONS = {
  INSERT: AuditAction.CREATE,
  UPDATE: AuditAction.UPDATE,
  DELETE: AuditAction.DELETE,
};

/** The organization's audit log, newest first (the database writes it; see the migration). */
@Injectable()
export class AuditService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  list(actor: Actor, args: AuditLogArgs): Promise<Page<AuditEntry>> {
    return this.tenant.run(actor, async (em) => {
      const qb = em.createQueryBuilder(AuditRow, 'a');
      if (args.entityType) qb.andWhere('a.entityType = :type', { type: args.entityType });
      if (args.entityId) qb.andWhere('a.entityId = :entity', { entity: args.entityId });
      if (args.userId) qb.andWhere('a.userId = :user', { user: args.userId });
      const page = await pageQuery(qb, 'id', args, 'DESC');
      return { ...page, nodes: page.nodes.map(toEntry) };
    });
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    ...row,
    action: ACTIONS[row.action],
    before: camelKeys(row.before),
    after: camelKeys(row.after),
  };
}

/** Stored rows have the columns' snake_case names; the API speaks camelCase. */
function camelKeys(row: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!row) return null;
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
      value,
    ]),
  );
}
