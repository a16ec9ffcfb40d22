/**
 * A plan file (docs/design.md 4.2, version 1) after reading: every default filled in, every value typed.
 * Upward links name their targets by key; keys resolve against the file first, then the
 * organization.
 */
import type { Direction, KeyResultKind } from '../progress/key-result-progress.js';
import type { Horizon } from '../settings/organization-settings.js';

export interface Problem {
  /** where in the file, e.g. `objectives[3].alignsTo[0].goal` */
  path: string;
  message: string;
}

export type GoalStatus = 'ACTIVE' | 'ARCHIVED';
export type CycleState = 'DRAFT' | 'ACTIVE' | 'CLOSED';
export type SprintState = 'FUTURE' | 'ACTIVE' | 'CLOSED';
export type ObjectiveStatus = 'ACTIVE' | 'CANCELLED' | 'ARCHIVED';
export type InitiativeStatus = 'PROPOSED' | 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
export type Priority = 'MUST' | 'SHOULD' | 'COULD' | 'WONT';

export interface PlanVision {
  statement: string;
  horizon: string;
}

export interface PlanGoal {
  key: string;
  title: string;
  description: string;
  horizon: Horizon;
  targetShare: number | null;
  status: GoalStatus;
}

export interface PlanKpi {
  key: string;
  goal: string;
  title: string;
  unit: string;
  current: number | null;
  healthyMin: number | null;
  healthyMax: number | null;
}

export interface PlanTeam {
  key: string;
  name: string;
  capacity: number;
}

export interface PlanCycle {
  key: string;
  name: string;
  start: string;
  end: string;
  state: CycleState;
}

export interface PlanSprint {
  key: string;
  team: string;
  name: string;
  start: string;
  end: string;
  state: SprintState;
  externalId: string | null;
}

/** Exactly one of goal / objective / keyResult. */
export interface PlanObjectiveLink {
  goal: string | null;
  objective: string | null;
  keyResult: string | null;
  weight: number;
}

export interface PlanKeyResult {
  key: string;
  title: string;
  kind: KeyResultKind;
  direction: Direction;
  start: number;
  target: number;
  current: number;
  unit: string;
  weight: number;
}

export interface PlanObjective {
  key: string;
  cycle: string;
  team: string | null;
  title: string;
  description: string;
  status: ObjectiveStatus;
  alignsTo: PlanObjectiveLink[];
  keyResults: PlanKeyResult[];
}

/** Exactly one of keyResult / objective. */
export interface PlanInitiativeLink {
  keyResult: string | null;
  objective: string | null;
  weight: number;
}

export interface PlanInitiative {
  key: string;
  externalKey: string | null;
  title: string;
  team: string | null;
  status: InitiativeStatus;
  priority: Priority;
  estimate: number | null;
  cycle: string | null;
  supports: PlanInitiativeLink[];
  /** keys of the initiatives it waits on (docs/design.md 3, dependencies); absent: none */
  blockedBy: string[];
}

export interface Plan {
  version: 1;
  vision: PlanVision | null;
  goals: PlanGoal[];
  kpis: PlanKpi[];
  teams: PlanTeam[];
  cycles: PlanCycle[];
  sprints: PlanSprint[];
  objectives: PlanObjective[];
  initiatives: PlanInitiative[];
}
