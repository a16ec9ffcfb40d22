import { gqlAt } from '../../../test/support/hostile/index.js';

/** A write the server acknowledged (answered with data and no error), to look for afterwards. */
export type Acknowledged =
  | { kind: 'checkIn'; keyResultId: string; note: string }
  | { kind: 'objective'; key: string }
  | { kind: 'ticket'; key: string };

/** The demo organization's targets for writes: key results to check in, a cycle, a sprint. */
export interface WriteTargets {
  keyResultIds: string[];
  cycleId: string;
  cycleKey: string;
  sprintName: string;
  epicKey: string;
}

export async function writeTargets(url: string, token: string): Promise<WriteTargets> {
  const data = await gqlAt(
    url,
    `{ keyResults(first: 200) { nodes { id } }
       cycle(key: "Q1-27") { id key }
       sprints(first: 200, state: ACTIVE) { nodes { name } }
       initiatives(first: 200) { nodes { externalKey } } }`,
    {},
    token,
  );
  return {
    keyResultIds: data.keyResults.nodes.map((n: { id: string }) => n.id),
    cycleId: data.cycle.id,
    cycleKey: data.cycle.key,
    sprintName: data.sprints.nodes[0].name,
    epicKey: data.initiatives.nodes.find((n: { externalKey: string | null }) => n.externalKey)
      .externalKey,
  };
}

export interface WriteCall {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  /** what is acknowledged when the answer has data and no error */
  acknowledges: Acknowledged[];
}

/** The n-th write: a check-in, a new objective with a unique key, or five upserted tickets. */
export function nthWrite(n: number, targets: WriteTargets, run: string): WriteCall {
  const tag = `${run}-${n}`;
  switch (n % 3) {
    case 0: {
      const keyResultId = targets.keyResultIds[n % targets.keyResultIds.length];
      const note = `soak check-in ${tag}`;
      return {
        name: 'checkIn',
        query: `mutation($input: CheckInInput!) { checkIn(input: $input) { id current } }`,
        variables: { input: { keyResultId, value: n % 100, confidence: 'ON_TRACK', note } },
        acknowledges: [{ kind: 'checkIn', keyResultId, note }],
      };
    }
    case 1: {
      const key = `SOAK-${tag}`;
      return {
        name: 'createObjective',
        query: `mutation($input: CreateObjectiveInput!) { createObjective(input: $input) { id key } }`,
        variables: { input: { cycleId: targets.cycleId, key, title: `Soak objective ${tag}` } },
        acknowledges: [{ kind: 'objective', key }],
      };
    }
    default: {
      const keys = Array.from({ length: 5 }, (_, i) => `SOAK-${tag}-${i}`);
      return {
        name: 'upsertTickets',
        query: `mutation($tickets: [TicketInput!]!) { upsertTickets(tickets: $tickets) { created updated warnings { path } } }`,
        variables: {
          tickets: keys.map((externalKey, i) => ({
            externalKey,
            title: `Soak ticket ${tag} ${i}`,
            rawStatus: 'In Progress',
            points: i + 1,
            sprintNames: [targets.sprintName],
            epicKey: targets.epicKey,
          })),
        },
        acknowledges: keys.map((key) => ({ kind: 'ticket' as const, key })),
      };
    }
  }
}

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every node of a paginated field (at `path` in the answer), following endCursor. */
async function pages<T>(
  url: string,
  token: string,
  query: (after: string | null) => string,
  path: string[],
): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  for (;;) {
    let page: unknown = await gqlAt(url, query(after), {}, token);
    for (const step of path) page = (page as Record<string, unknown>)[step];
    const { nodes, pageInfo } = page as Page<T>;
    out.push(...nodes);
    if (!pageInfo.hasNextPage) return out;
    after = pageInfo.endCursor;
  }
}

const cursor = (after: string | null) => (after ? `, after: ${JSON.stringify(after)}` : '');

/** How many of the acknowledged writes are in the database now (read back through the API). */
export async function countFound(
  url: string,
  token: string,
  targets: WriteTargets,
  acknowledged: Acknowledged[],
): Promise<{ found: number; missing: string[] }> {
  const objectives = new Set(
    (
      await pages<{ key: string }>(
        url,
        token,
        (after) => `{ objectives(cycleKey: "${targets.cycleKey}", first: 200${cursor(after)}) {
          nodes { key } pageInfo { hasNextPage endCursor } } }`,
        ['objectives'],
      )
    ).map((o) => o.key),
  );
  const tickets = new Set(
    (
      await pages<{ key: string }>(
        url,
        token,
        (after) => `{ tickets(first: 200, includeArchived: true${cursor(after)}) {
          nodes { key } pageInfo { hasNextPage endCursor } } }`,
        ['tickets'],
      )
    ).map((t) => t.key),
  );
  const notes = new Set<string>();
  const keyResults = [
    ...new Set(acknowledged.flatMap((a) => (a.kind === 'checkIn' ? [a.keyResultId] : []))),
  ];
  for (const id of keyResults) {
    const found = await pages<{ note: string }>(
      url,
      token,
      (after) => `{ keyResult(id: "${id}") { checkIns(first: 200${cursor(after)}) {
        nodes { note } pageInfo { hasNextPage endCursor } } } }`,
      ['keyResult', 'checkIns'],
    );
    for (const c of found) notes.add(c.note);
  }
  const missing: string[] = [];
  for (const a of acknowledged) {
    const there =
      a.kind === 'checkIn'
        ? notes.has(a.note)
        : a.kind === 'objective'
          ? objectives.has(a.key)
          : tickets.has(a.key);
    if (!there) missing.push(a.kind === 'checkIn' ? `check-in "${a.note}"` : `${a.kind} ${a.key}`);
  }
  return { found: acknowledged.length - missing.length, missing };
}
