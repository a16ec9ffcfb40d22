import type { AlignmentFigures, AtRiskDependency, GoalFigures, WorkType } from '@app/domain';
import type { InitiativeLink } from './initiative-link.entity.js';
import type { Initiative } from './initiative.entity.js';
import type { KeyResult } from './key-result.entity.js';
import type { ObjectiveLink } from './objective-link.entity.js';
import type { Objective } from './objective.entity.js';

/**
 * The shapes a cycle baseline's jsonb columns hold (docs/design.md 3). A baseline is immutable, so
 * a row keeps the shape of the release that locked its cycle: the types below describe every shape
 * written so far, and readers handle each (libs/planning baseline.ts).
 */

/** A value as JSON holds it: what JSON.stringify writes (a Date as its toISOString()), read back. */
export type Json<V> = V extends Date
  ? string
  : V extends readonly (infer E)[]
    ? Json<E>[]
    : V extends object
      ? { [K in keyof V]: Json<V[K]> }
      : V;

/**
 * An entity row as a baseline stores it: its columns, dates as ISO strings. `version` is absent
 * from rows stored before rows had versions (migration 1795308100000, which gave every row then
 * standing version 1).
 */
export type StoredRow<T> = Omit<Json<T>, 'version'> & { version?: number };

/** `tree`: the cycle's objectives and key results as they stood. */
export interface BaselineTree {
  objectives: StoredRow<Objective>[];
  keyResults: StoredRow<KeyResult>[];
}

/** `links`: the upward links of the cycle's objectives and the links of its planned initiatives. */
export interface BaselineLinks {
  objectiveLinks: StoredRow<ObjectiveLink>[];
  initiativeLinks: StoredRow<InitiativeLink>[];
}

/** One planned initiative in `estimates` (WONT ones included). */
export type BaselineEstimate = Pick<
  Initiative,
  'id' | 'key' | 'title' | 'teamId' | 'status' | 'priority' | 'estimate'
>;

/** `estimates`: the initiatives planned for the cycle, by key. */
export interface BaselineEstimates {
  initiatives: BaselineEstimate[];
}

/**
 * `projected`, first shape: the ProjectedAlignment as the API returned it, stored before initiative
 * dependencies existed (no dependency figures: nothing was at risk then).
 */
export interface StoredProjectedAlignmentV1 extends AlignmentFigures {
  workTypes: { workType: WorkType; effort: number; share: number }[];
  unestimatedInitiatives: StoredRow<Initiative>[];
}

/** A goal of the second shape: with the part of its effort behind at-risk dependencies. */
export interface StoredProjectedGoalV2 extends GoalFigures {
  atRiskEffort: number;
  atRiskShare: number;
  atRiskDependencies: AtRiskDependency[];
}

/** `projected`, second shape (since initiative dependencies): dependency risk per goal and in total. */
export interface StoredProjectedAlignmentV2 extends StoredProjectedAlignmentV1 {
  goals: StoredProjectedGoalV2[];
  atRiskEffort: number;
  atRiskShare: number;
  atRiskDependencies: AtRiskDependency[];
}

/** What a baseline's `projected` may hold; `'atRiskEffort' in projected` tells the two apart. */
export type StoredProjectedAlignment = StoredProjectedAlignmentV1 | StoredProjectedAlignmentV2;
