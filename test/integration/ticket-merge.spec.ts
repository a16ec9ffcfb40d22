import { randomUUID } from 'node:crypto';
import { InProcessEventBus, Tenant, type Actor } from '@app/common';
import type { Database } from '@app/database';
import { TicketUpsertService, type IncomingTicket } from '@app/integrations';
import { openTestDatabase } from '../support/test-database.js';

/** What the merge must leave alone on an unchanged row: its version, its time, its row version. */
interface Stored {
  version: number;
  updated_at: string;
  /** the row version: a rewrite of the same values changes it */
  xmin: string;
  title: string;
  archived: boolean;
  sprints: string[];
  epic: string | null;
  parent: string | null;
}

/**
 * The ticket write's merge (ticket-upsert.service.ts, staged with COPY and merged set-based) on
 * real PostgreSQL, through the service without HTTP: each row is classified as created, updated
 * or unchanged exactly as the stored ticket says, and an unchanged row is not rewritten at all
 * (same version, same row version, no sprint history rows rewritten, no audit entry).
 */
describe('ticket write: insert / update / unchanged', () => {
  let db: Database;
  let close: () => Promise<void>;
  let service: TicketUpsertService;
  let actor: Actor;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    service = new TicketUpsertService(new Tenant(db), new InProcessEventBus());
    actor = await seedOrganization(db);
  });
  afterAll(() => close());

  const ticket = (key: string, fields: Partial<IncomingTicket> = {}): IncomingTicket => ({
    externalKey: key,
    externalId: null,
    title: `Ticket ${key}`,
    type: 'Story',
    labels: ['customer'],
    rawStatus: 'To Do',
    sourceCategory: null,
    points: 3,
    sprintNames: ['Sprint 1', 'Sprint 2'],
    epicKey: 'EPIC-A',
    parentKey: null,
    origin: key,
    ...fields,
  });

  async function stored(): Promise<Map<string, Stored>> {
    const rows: (Stored & { external_key: string })[] = await db.transaction(
      { organizationId: actor.organizationId, userId: actor.userId },
      (em) =>
        em.query(
          `SELECT t.external_key, t.version, t.updated_at::text, t.xmin::text, t.title,
                  t.archived_at IS NOT NULL AS archived,
                  COALESCE((SELECT array_agg(s.name || '@' || ts.xmin::text ORDER BY ts.position)
                              FROM ticket_sprints ts JOIN sprints s ON s.id = ts.sprint_id
                             WHERE ts.ticket_id = t.id), '{}') AS sprints,
                  (SELECT i.external_key FROM ticket_links l JOIN initiatives i ON i.id = l.initiative_id
                    WHERE l.ticket_id = t.id AND l.source = 'EPIC') AS epic,
                  (SELECT p.external_key FROM tickets p WHERE p.id = t.parent_ticket_id) AS parent
             FROM tickets t`,
        ),
    );
    return new Map(rows.map(({ external_key, ...row }) => [external_key, row]));
  }

  const auditEntries = async (): Promise<number> => {
    const [{ n }]: { n: number }[] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE organization_id = $1`,
      [actor.organizationId],
    );
    return n;
  };

  it('creates, then updates only the rows that changed, and leaves the rest untouched', async () => {
    const first = [
      ticket('M-1'),
      ticket('M-2'),
      ticket('M-3', { epicKey: null, sprintNames: ['Sprint 2'] }),
      ticket('M-4', { type: 'Sub-task', epicKey: null, parentKey: 'M-1' }),
    ];
    expect(await service.upsert(actor, 'TEST', first)).toMatchObject({
      created: 4,
      updated: 0,
      unchanged: 0,
    });
    const before = await stored();
    expect(before.get('M-1')).toMatchObject({ version: 1, epic: 'EPIC-A', parent: null });
    expect(before.get('M-4')).toMatchObject({ parent: 'M-1', sprints: expect.any(Array) });
    const audits = await auditEntries();

    // The same tickets again, in another order: nothing changes, nothing is written.
    expect(await service.upsert(actor, 'TEST', [...first].reverse())).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 4,
    });
    expect(await stored()).toEqual(before);
    expect(await auditEntries()).toBe(audits);

    // One field, the sprint history, the epic link; one new ticket; one unchanged.
    const second = [
      ticket('M-1', { title: 'Renamed' }),
      ticket('M-2', { sprintNames: ['Sprint 2', 'Sprint 1'] }),
      ticket('M-3', { epicKey: 'EPIC-B', sprintNames: ['Sprint 2'] }),
      ticket('M-4', { type: 'Sub-task', epicKey: null, parentKey: 'M-1' }),
      ticket('M-5'),
    ];
    expect(await service.upsert(actor, 'TEST', second)).toMatchObject({
      created: 1,
      updated: 3,
      unchanged: 1,
    });
    const after = await stored();
    expect(after.get('M-1')).toMatchObject({ title: 'Renamed', version: 2 });
    expect(after.get('M-2')?.version).toBe(2);
    expect(after.get('M-2')?.sprints.map((s) => s.split('@')[0])).toEqual(['Sprint 2', 'Sprint 1']);
    expect(after.get('M-3')).toMatchObject({ epic: 'EPIC-B', version: 2 });
    expect(after.get('M-4')).toEqual(before.get('M-4'));
    expect(after.get('M-5')).toMatchObject({ version: 1, epic: 'EPIC-A' });
    expect(await auditEntries()).toBe(audits + 1);
  });

  it('counts an archived ticket as changed and brings it back, once', async () => {
    const input = [ticket('A-1'), ticket('A-2')];
    await service.upsert(actor, 'TEST', input);
    await db.transaction({ organizationId: actor.organizationId, userId: actor.userId }, (em) =>
      em.query(`UPDATE tickets SET archived_at = now() WHERE external_key = 'A-1'`),
    );
    expect(await service.upsert(actor, 'TEST', input)).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 1,
    });
    expect((await stored()).get('A-1')?.archived).toBe(false);
    expect(await service.upsert(actor, 'TEST', input)).toMatchObject({ unchanged: 2 });
  });

  /** Each key's stored content hash and row version. */
  const hashes = async (
    keys: string[],
  ): Promise<Map<string, { hash: string | null; version: number }>> => {
    const rows: { external_key: string; content_hash: string | null; version: number }[] =
      await db.transaction({ organizationId: actor.organizationId, userId: actor.userId }, (em) =>
        em.query(
          `SELECT external_key, content_hash, version FROM tickets
            WHERE organization_id = $1 AND external_key = ANY($2::text[])`,
          [actor.organizationId, keys],
        ),
      );
    return new Map(rows.map((r) => [r.external_key, { hash: r.content_hash, version: r.version }]));
  };
  const inTenant = (sql: string, params: unknown[] = []) =>
    db.transaction({ organizationId: actor.organizationId, userId: actor.userId }, (em) =>
      em.query(sql, [actor.organizationId, ...params]),
    );

  it('stores what it wrote as a content hash, and any other change of what it covers forgets it', async () => {
    const keys = ['H-1', 'H-2', 'H-3', 'H-4', 'H-5'];
    const input = keys.map((key) => ticket(key));
    await service.upsert(actor, 'TEST', input);
    const written = await hashes(keys);
    expect([...written.values()].every((h) => h.hash?.startsWith('v1:'))).toBe(true);

    // Someone else changes a covered column, the sprint history, the epic link; a hand link to
    // another initiative and a column the hash does not cover leave it.
    await inTenant(
      `UPDATE tickets SET title = 'By hand' WHERE organization_id = $1 AND external_key = 'H-1'`,
    );
    await inTenant(
      `DELETE FROM ticket_sprints ts USING tickets t WHERE ts.organization_id = $1 AND t.organization_id = $1
          AND ts.ticket_id = t.id AND t.external_key = 'H-2' AND ts.position = 0`,
    );
    await inTenant(
      `DELETE FROM ticket_links l USING tickets t WHERE l.organization_id = $1 AND t.organization_id = $1
          AND l.ticket_id = t.id AND t.external_key = 'H-3' AND l.source = 'EPIC'`,
    );
    await inTenant(
      `INSERT INTO ticket_links (organization_id, ticket_id, initiative_id, weight, source)
       SELECT $1, t.id, i.id, 1, 'MANUAL' FROM tickets t, initiatives i
        WHERE t.organization_id = $1 AND i.organization_id = $1 AND t.external_key = 'H-4' AND i.key = 'IB'`,
    );
    await inTenant(
      `UPDATE tickets SET last_synced_at = now() WHERE organization_id = $1 AND external_key = 'H-5'`,
    );
    const after = await hashes(keys);
    expect(after.get('H-1')?.hash).toBeNull();
    expect(after.get('H-2')?.hash).toBeNull();
    expect(after.get('H-3')?.hash).toBeNull();
    expect(after.get('H-4')?.hash).toBe(written.get('H-4')?.hash);
    expect(after.get('H-5')?.hash).toBe(written.get('H-5')?.hash);
    // forgetting is bookkeeping: no new row version for the history and link changes
    expect(after.get('H-2')?.version).toBe(written.get('H-2')?.version);
    expect(after.get('H-3')?.version).toBe(written.get('H-3')?.version);

    // The file again: the three changed by hand are compared in full and written back, hashed.
    expect(await service.upsert(actor, 'TEST', input)).toMatchObject({
      created: 0,
      updated: 3,
      unchanged: 2,
    });
    const again = await hashes(keys);
    for (const key of keys) expect(again.get(key)?.hash).toBe(written.get(key)?.hash);
  });

  it('compares in full a ticket whose hash it does not know, and rewrites nothing unchanged', async () => {
    const input = [ticket('U-1'), ticket('U-2', { epicKey: null })];
    await service.upsert(actor, 'TEST', input);
    await inTenant(
      `UPDATE tickets SET content_hash = NULL WHERE organization_id = $1 AND external_key LIKE 'U-%'`,
    );
    const before = await stored();
    expect(await service.upsert(actor, 'TEST', input)).toMatchObject({ updated: 0, unchanged: 2 });
    expect(await stored()).toEqual(before);
  });
});

/** An organization with its owner, two sprints and two initiatives named by epic keys. */
async function seedOrganization(db: Database): Promise<Actor> {
  const organizationId = randomUUID();
  const userId = randomUUID();
  await db.transaction({ organizationId, userId }, async (em) => {
    await em.query(`INSERT INTO users (id, email, name) VALUES ($1, $2, 'Merge')`, [
      userId,
      `merge-${userId}@example.com`,
    ]);
    await em.query(`INSERT INTO organizations (id, name, slug) VALUES ($1, 'Merge', $2)`, [
      organizationId,
      `merge-${organizationId.slice(0, 8)}`,
    ]);
    await em.query(
      `INSERT INTO memberships (organization_id, user_id, role, joined_at) VALUES ($1, $2, 'OWNER', now())`,
      [organizationId, userId],
    );
    const [{ id: teamId }]: { id: string }[] = await em.query(
      `INSERT INTO teams (organization_id, key, name) VALUES ($1, 'T', 'Team') RETURNING id`,
      [organizationId],
    );
    await em.query(
      `INSERT INTO sprints (organization_id, key, team_id, name, start_date, end_date, state)
       VALUES ($1, 'S1', $2, 'Sprint 1', '2027-01-04', '2027-01-17', 'CLOSED'),
              ($1, 'S2', $2, 'Sprint 2', '2027-01-18', '2027-01-31', 'ACTIVE')`,
      [organizationId, teamId],
    );
    await em.query(
      `INSERT INTO initiatives (organization_id, key, external_key, title)
       VALUES ($1, 'IA', 'EPIC-A', 'A'), ($1, 'IB', 'EPIC-B', 'B')`,
      [organizationId],
    );
  });
  return { userId, organizationId, role: 'OWNER', operation: 'test:merge' };
}
