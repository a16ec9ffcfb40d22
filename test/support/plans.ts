/**
 * Plans shared by an e2e file and the medium test that holds the same figures through the
 * services: one plan, so both check the same numbers.
 */

/**
 * Progress, delivery and scores (test/e2e/progress.e2e.spec.ts, test/integration/progress.spec.ts):
 * key results rising and falling, one BOOLEAN, initiatives of every status.
 */
export const PROGRESS_PLAN = `version: 1
goals: [{ key: G1, title: G1 }]
teams: [{ key: A, name: Team A }]
cycles:
  - { key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }
  - { key: Q2, name: Q2, start: 2027-04-01, end: 2027-06-30 }
sprints:
  - { key: S1, team: A, name: Sprint 1, start: 2027-01-04, end: 2027-01-17, state: CLOSED }
  - { key: S2, team: A, name: Sprint 2, start: 2027-01-18, end: 2027-01-31, state: ACTIVE }
objectives:
  - key: O1
    cycle: Q1
    title: O1
    alignsTo: [{ goal: G1 }]
    keyResults:
      - { key: KR1, title: KR1, kind: NUMERIC, start: 0, target: 10, current: 2, weight: 3 }
      - { key: KR2, title: KR2, kind: NUMERIC, start: 100, target: 50, current: 70 }
      - { key: KR3, title: KR3, kind: NUMERIC, start: 0, target: 10, current: 0 }
      - { key: KR5, title: KR5, kind: NUMERIC, start: 0, target: 10, current: 5 }
  - { key: O2, cycle: Q1, title: O2, alignsTo: [{ goal: G1 }] }
  - key: O3
    cycle: Q2
    title: O3
    keyResults: [{ key: KR4, title: KR4, kind: BOOLEAN, start: 0, target: 1, current: 1 }]
initiatives:
  - { key: I1, externalKey: E1, title: I1, status: IN_PROGRESS, supports: [{ keyResult: KR1, weight: 3 }] }
  - { key: I2, externalKey: E2, title: I2, supports: [{ keyResult: KR1 }, { keyResult: KR2 }] }
  - { key: I3, externalKey: E3, title: I3, status: CANCELLED, supports: [{ keyResult: KR1 }] }
  - { key: I4, externalKey: E4, title: I4, supports: [{ keyResult: KR2 }] }
`;

/**
 * A planning session (test/e2e/planning.e2e.spec.ts, test/integration/planning-services.spec.ts):
 * three teams with capacities, a draft next cycle with MoSCoW priorities, a goal only it serves.
 */
export const PLANNING_SESSION_PLAN = `version: 1
goals:
  - { key: G1, title: Enterprise, horizon: CORE, targetShare: 0.5 }
  - { key: G2, title: Self-serve, horizon: ADJACENT, targetShare: 0.3 }
  - { key: G3, title: AI, horizon: TRANSFORMATIONAL }
teams: [{ key: A, name: Team A, capacity: 10 }, { key: B, name: Team B, capacity: 5 }, { key: C, name: Team C, capacity: 8 }]
cycles:
  - { key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }
  - { key: Q2, name: Q2, start: 2027-04-01, end: 2027-06-30 }
sprints:
  - { key: A-S1, team: A, name: A Sprint 1, start: 2027-01-04, end: 2027-01-17, state: ACTIVE }
  - { key: A-S5, team: A, name: A Sprint 5, start: 2027-04-05, end: 2027-04-18 }
  - { key: A-S6, team: A, name: A Sprint 6, start: 2027-04-19, end: 2027-05-02 }
  - { key: B-S5, team: B, name: B Sprint 5, start: 2027-03-29, end: 2027-04-11 }
objectives:
  - { key: O1, cycle: Q1, title: O1, alignsTo: [{ goal: G1, weight: 3 }, { goal: G2, weight: 1 }], keyResults: [{ key: O1-KR1, title: k, kind: NUMERIC, start: 0, target: 10, current: 5 }] }
  - { key: O2, cycle: Q1, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: O2-KR1, title: k, kind: NUMERIC, start: 0, target: 10, current: 10 }] }
  - { key: O3, cycle: Q1, title: O3, alignsTo: [{ keyResult: O1-KR1 }], keyResults: [{ key: O3-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: P1, cycle: Q2, title: P1, alignsTo: [{ goal: G3 }], keyResults: [{ key: P1-KR1, title: k, kind: NUMERIC, start: 0, target: 4, current: 1 }] }
initiatives:
  - { key: I1, title: I1, team: A, cycle: Q2, priority: MUST, estimate: 12, supports: [{ keyResult: O1-KR1 }] }
  - { key: I2, externalKey: E2, title: I2, team: A, cycle: Q2, priority: SHOULD, estimate: 6, supports: [{ keyResult: O2-KR1 }] }
  - { key: I3, title: I3, team: A, cycle: Q2, priority: COULD, estimate: 4, supports: [{ keyResult: P1-KR1 }] }
  - { key: I4, title: I4, team: B, cycle: Q2, priority: MUST, supports: [{ keyResult: P1-KR1 }] }
  - { key: I5, title: I5, team: B, cycle: Q2, priority: WONT, estimate: 50, supports: [{ keyResult: O1-KR1 }] }
  - { key: I6, title: I6, team: B, cycle: Q2, priority: SHOULD, estimate: 3 }
  - { key: I7, title: I7, team: A, cycle: Q1, priority: MUST, estimate: 5, supports: [{ keyResult: O1-KR1 }] }
`;
