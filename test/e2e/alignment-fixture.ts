import type { Session, TestApp } from '../support/test-app.js';

/**
 * A small but complete organization for docs/design.md 2.1, with every case of the flow; the expected
 * figures are computed by hand in alignment.e2e.spec.ts, ticket by ticket.
 */
export const PLAN = `version: 1
goals:
  - { key: G1, title: Enterprise, horizon: CORE, targetShare: 0.5 }
  - { key: G2, title: Self-serve, horizon: ADJACENT, targetShare: 0.3 }
  - { key: G3, title: AI, horizon: TRANSFORMATIONAL, targetShare: 0.2 }
  - { key: G4, title: Retired, status: ARCHIVED }
teams: [{ key: A, name: Team A }, { key: B, name: Team B }]
cycles: [{ key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }]
sprints:
  - { key: A-S1, team: A, name: A Sprint 1, start: 2027-01-04, end: 2027-01-17, state: CLOSED }
  - { key: A-S2, team: A, name: A Sprint 2, start: 2027-01-18, end: 2027-01-31, state: ACTIVE }
  - { key: B-S1, team: B, name: B Sprint 1, start: 2027-01-18, end: 2027-01-31, state: ACTIVE }
objectives:
  - { key: O1, cycle: Q1, title: O1, alignsTo: [{ goal: G1, weight: 3 }, { goal: G2, weight: 1 }], keyResults: [{ key: O1-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O2, cycle: Q1, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: O2-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O3, cycle: Q1, team: B, title: O3, alignsTo: [{ keyResult: O1-KR1 }], keyResults: [{ key: O3-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O4, cycle: Q1, title: O4, keyResults: [{ key: O4-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O5, cycle: Q1, title: O5, status: CANCELLED, alignsTo: [{ goal: G1 }], keyResults: [{ key: O5-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O6, cycle: Q1, title: O6, alignsTo: [{ goal: G4 }], keyResults: [{ key: O6-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: E1, title: I1, supports: [{ keyResult: O1-KR1 }] }
  - { key: I2, externalKey: E2, title: I2, supports: [{ keyResult: O2-KR1 }, { keyResult: O5-KR1 }] }
  - { key: I3, externalKey: E3, title: I3, supports: [{ keyResult: O3-KR1 }] }
  - { key: I4, externalKey: E4, title: I4 }
  - { key: I5, externalKey: E5, title: I5, supports: [{ keyResult: O4-KR1 }] }
  - { key: I6, externalKey: E6, title: I6, supports: [{ keyResult: O6-KR1 }] }
  - { key: I7, externalKey: E7, title: I7, status: CANCELLED, supports: [{ keyResult: O1-KR1 }] }
  - { key: I8, externalKey: E8, title: I8, supports: [{ objective: O2 }] }
`;
const t = (
  externalKey: string,
  type: string,
  points: number | null,
  sprintNames: string[],
  epicKey?: string,
  extra: Record<string, unknown> = {},
) => ({
  externalKey,
  title: externalKey,
  type,
  rawStatus: 'In Progress',
  points,
  sprintNames,
  ...(epicKey ? { epicKey } : {}),
  ...extra,
});
export const TICKETS = [
  t('T1', 'Story', 8, ['A Sprint 2'], 'E1'), //                         G1 6, G2 2
  t('T2', 'Bug', 4, ['A Sprint 2'], 'E2'), //                           G2 2, INACTIVE 2 (O5 cancelled)
  t('T3', 'Task', null, ['A Sprint 1', 'A Sprint 2'], 'E3'), //         unestimated = 1: G1 .75, G2 .25 (cascade via O1-KR1)
  t('T4', 'Story', 2, ['A Sprint 2'], undefined, { labels: ['tech-debt'] }), // NO_INITIATIVE 2
  t('T5', 'Story', 3, ['A Sprint 2'], 'E4'), //                         NO_KEY_RESULT 3
  t('T6', 'Bug', 5, ['A Sprint 2'], 'E5'), //                           NO_GOAL 5
  t('T7', 'Story', 1, ['A Sprint 2'], 'E1', { rawStatus: "Won't Do" }), // cancelled: never counts
  t('T8', 'Sub-task', 2, ['A Sprint 2'], undefined, { parentKey: 'T1' }), // sub-task: its parent counts
  t('T9', 'Story', 6, ['B Sprint 1'], 'E6'), //                         INACTIVE 6 (archived goal G4)
  t('T10', 'Task', 2, ['B Sprint 1'], 'E7'), //                         INACTIVE 2 (cancelled initiative)
  t('T11', 'Story', 4, ['B Sprint 1'], 'E1'), //  + manual link to I8 weight 3: G1 .75, G2 .25 + 3
  t('T12', 'Story', 10, ['A Sprint 1'], 'E1'), //                       closed sprint only: G1 7.5, G2 2.5
];

/** Signs up an organization holding the plan and tickets above (T11 also linked to I8, weight 3). */
export async function alignmentOrganization(app: TestApp): Promise<Session> {
  const s = await app.signUp();
  const plan = await app.ok(
    `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
    { y: PLAN },
    s.token,
  );
  if (plan.importPlan.problems.length) throw new Error(JSON.stringify(plan.importPlan.problems));
  const tickets = await app.ok(
    `mutation($t: [TicketInput!]!) { upsertTickets(tickets: $t) { created warnings { message } } }`,
    { t: TICKETS },
    s.token,
  );
  if (tickets.upsertTickets.created !== TICKETS.length) throw new Error(JSON.stringify(tickets));
  const ids = await app.ok(
    `{ ticket(key: "T11") { id } initiative(key: "I8") { id } }`,
    {},
    s.token,
  );
  await app.ok(
    `mutation($t: ID!, $i: ID!) { linkTicket(input: { ticketId: $t, initiativeId: $i, weight: 3 }) { weight } }`,
    { t: ids.ticket.id, i: ids.initiative.id },
    s.token,
  );
  return s;
}
