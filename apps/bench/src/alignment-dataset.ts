import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface DatasetShape {
  smallOrganizations: number;
  ticketsPerSmall: number;
  initiativesPerOrganization: number;
  ticketsInLarge: number;
}

export interface SeededOrganization {
  id: string;
  userId: string;
  tickets: number;
}

/**
 * The synthetic dataset of the alignment benchmark written with COPY as the database owner (row-level security
 * does not apply to it): per organization a vision, 5 goals, 50 objectives (some cascading), 100
 * key results, N initiatives, 5 teams with an ACTIVE sprint each, and tickets in the active sprints
 * — 85% linked to one initiative, 5% to two, 10% to none; points 1..8, 10% unestimated.
 */
export async function seedAlignmentDataset(
  url: string,
  shape: DatasetShape,
  log: (m: string) => void,
): Promise<{ small: SeededOrganization[]; large: SeededOrganization }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SET session_replication_role = replica`);
  try {
    const small: SeededOrganization[] = [];
    for (let i = 0; i < shape.smallOrganizations; i++) {
      small.push(
        await seedOrganization(
          client,
          `bench-${i}`,
          shape.initiativesPerOrganization,
          shape.ticketsPerSmall,
        ),
      );
      if ((i + 1) % 20 === 0) log(`  seeded ${i + 1}/${shape.smallOrganizations} organizations`);
    }
    const large = await seedOrganization(
      client,
      'bench-large',
      shape.initiativesPerOrganization,
      shape.ticketsInLarge,
    );
    log('  seeded the large organization; analyzing');
    await client.query('ANALYZE');
    return { small, large };
  } finally {
    await client.end();
  }
}

async function seedOrganization(
  client: pg.Client,
  slug: string,
  initiativeCount: number,
  ticketCount: number,
): Promise<SeededOrganization> {
  const org = randomUUID();
  const userId = randomUUID();
  let seed = [...slug].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const copy = (table: string, columns: string[], rows: Iterable<unknown[]>) =>
    copyInto(client, table, columns, rows);

  await copy('organizations', ['id', 'name', 'slug'], [[org, slug, slug]]);
  await copy('users', ['id', 'email', 'name'], [[userId, `${slug}@bench.local`, 'Bench']]);
  await copy(
    'memberships',
    ['organization_id', 'user_id', 'role', 'joined_at'],
    [[org, userId, 'OWNER', new Date().toISOString()]],
  );
  const vision = randomUUID();
  await copy('visions', ['organization_id', 'id', 'statement'], [[org, vision, 'Bench vision']]);
  const goals = Array.from({ length: 5 }, (_, i) => ({ id: randomUUID(), key: `G${i}` }));
  await copy(
    'strategic_goals',
    ['organization_id', 'id', 'key', 'vision_id', 'title', 'horizon', 'target_share'],
    goals.map((g, i) => [
      org,
      g.id,
      g.key,
      vision,
      g.key,
      ['CORE', 'CORE', 'ADJACENT', 'ADJACENT', 'TRANSFORMATIONAL'][i],
      0.2,
    ]),
  );
  const cycle = randomUUID();
  await copy(
    'cycles',
    ['organization_id', 'id', 'key', 'name', 'start_date', 'end_date', 'state'],
    [[org, cycle, 'Q1', 'Q1', '2027-01-01', '2027-03-31', 'ACTIVE']],
  );
  const objectives = Array.from({ length: 50 }, (_, i) => ({ id: randomUUID(), key: `O${i}` }));
  await copy(
    'objectives',
    ['organization_id', 'id', 'key', 'cycle_id', 'title'],
    objectives.map((o) => [org, o.id, o.key, cycle, o.key]),
  );
  const krs = objectives.flatMap((o, i) =>
    [0, 1].map((k) => ({ id: randomUUID(), key: `O${i}-KR${k}`, objective: o.id })),
  );
  await copy(
    'key_results',
    [
      'organization_id',
      'id',
      'key',
      'objective_id',
      'title',
      'kind',
      'direction',
      'start',
      'target',
      'current',
    ],
    krs.map((k) => [
      org,
      k.id,
      k.key,
      k.objective,
      k.key,
      'NUMERIC',
      'INCREASE',
      0,
      10,
      Math.floor(rand() * 10),
    ]),
  );
  // The first 10 objectives align to goals; the others cascade to a goal, a parent or a key result.
  const objectiveLinks = objectives.flatMap((o, i) => {
    if (i < 10) return [[org, randomUUID(), o.id, goals[i % 5].id, null, null, 1 + (i % 3)]];
    const r = rand();
    if (r < 0.4)
      return [[org, randomUUID(), o.id, goals[Math.floor(rand() * 5)].id, null, null, 1]];
    if (r < 0.7)
      return [[org, randomUUID(), o.id, null, objectives[Math.floor(rand() * 10)].id, null, 2]];
    if (r < 0.95)
      return [[org, randomUUID(), o.id, null, null, krs[Math.floor(rand() * 20)].id, 1]];
    return [];
  });
  await copy(
    'objective_links',
    [
      'organization_id',
      'id',
      'objective_id',
      'goal_id',
      'parent_objective_id',
      'key_result_id',
      'weight',
    ],
    objectiveLinks,
  );
  const teams = Array.from({ length: 5 }, (_, i) => ({
    id: randomUUID(),
    key: `T${i}`,
    sprint: randomUUID(),
  }));
  await copy(
    'teams',
    ['organization_id', 'id', 'key', 'name', 'capacity'],
    teams.map((t) => [org, t.id, t.key, t.key, 30]),
  );
  await copy(
    'sprints',
    ['organization_id', 'id', 'key', 'team_id', 'name', 'start_date', 'end_date', 'state'],
    teams.map((t) => [
      org,
      t.sprint,
      `${t.key}-S1`,
      t.id,
      `${t.key} Sprint 1`,
      '2027-01-04',
      '2027-01-17',
      'ACTIVE',
    ]),
  );
  const initiatives = Array.from({ length: initiativeCount }, (_, i) => ({
    id: randomUUID(),
    key: `I${i}`,
  }));
  await copy(
    'initiatives',
    ['organization_id', 'id', 'key', 'title', 'status', 'estimate'],
    initiatives.map((x, i) => [
      org,
      x.id,
      x.key,
      x.key,
      i % 50 === 0 ? 'CANCELLED' : 'IN_PROGRESS',
      10,
    ]),
  );
  await copy(
    'initiative_links',
    ['organization_id', 'id', 'initiative_id', 'key_result_id', 'objective_id', 'weight'],
    initiatives.flatMap((x, i) => {
      if (i % 25 === 0) return [];
      const first = [
        org,
        randomUUID(),
        x.id,
        krs[Math.floor(rand() * krs.length)].id,
        null,
        1 + (i % 2),
      ];
      return i % 7 === 0
        ? [first, [org, randomUUID(), x.id, null, objectives[Math.floor(rand() * 50)].id, 1]]
        : [first];
    }),
  );
  // Links are drawn first so each ticket's initiative_set (normally kept by the ticket_links
  // triggers, which this session skips: session_replication_role = replica) goes in with it.
  const links: [string, string, string, number, string][] = [];
  await copy(
    'tickets',
    [
      'organization_id',
      'id',
      'external_key',
      'title',
      'type',
      'work_type',
      'status_category',
      'raw_status',
      'points',
      'current_sprint_id',
      'source',
      'initiative_set',
    ],
    (function* () {
      for (let i = 0; i < ticketCount; i++) {
        const id = randomUUID();
        const mine: [string, number][] = [];
        const r = rand();
        if (r >= 0.1) {
          const a = Math.floor(rand() * initiatives.length);
          mine.push([initiatives[a].id, 1]);
          if (r > 0.95) mine.push([initiatives[(a + 1) % initiatives.length].id, 2]);
        }
        mine.sort(([x], [y]) => (x < y ? -1 : 1));
        for (const [initiative, weight] of mine)
          links.push([org, id, initiative, weight, weight === 1 ? 'EPIC' : 'MANUAL']);
        const points = rand() < 0.1 ? null : 1 + Math.floor(rand() * 8);
        yield [
          org,
          id,
          `K-${i}`,
          `Ticket ${i}`,
          'Story',
          ['NEW_VALUE', 'MAINTENANCE', 'TECH_DEBT', 'BUG'][i % 4],
          ['TODO', 'IN_PROGRESS', 'DONE'][i % 3],
          'Open',
          points,
          teams[i % 5].sprint,
          'BENCH',
          mine.map(([x, w]) => `${x}=${w}`).join(';'),
        ];
      }
    })(),
  );
  await copy(
    'ticket_links',
    ['organization_id', 'ticket_id', 'initiative_id', 'weight', 'source'],
    links,
  );
  return { id: org, userId, tickets: ticketCount };
}

async function copyInto(
  client: pg.Client,
  table: string,
  columns: string[],
  rows: Iterable<unknown[]>,
): Promise<void> {
  const stream = client.query(
    copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
  );
  // Unquoted empty is NULL in COPY's CSV; an empty string is written quoted.
  const csv = (value: unknown) => {
    if (value === null || value === undefined) return '';
    const text = String(value);
    return text === '' || /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  await pipeline(
    Readable.from(
      (function* () {
        let chunk = '';
        for (const row of rows) {
          chunk += row.map(csv).join(',') + '\n';
          if (chunk.length > 1 << 16) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
      })(),
    ),
    stream,
  );
}
