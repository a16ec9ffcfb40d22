import type { Horizon } from '../settings/organization-settings.js';

/** Why effort stopped before reaching a strategic goal (docs/design.md 2.1). */
export type UnalignedReason = 'NO_INITIATIVE' | 'NO_KEY_RESULT' | 'NO_GOAL' | 'INACTIVE_TARGET';
export const UNALIGNED_REASONS: readonly UnalignedReason[] = [
  'NO_INITIATIVE',
  'NO_KEY_RESULT',
  'NO_GOAL',
  'INACTIVE_TARGET',
];

export type NodeKind = 'goal' | 'objective' | 'keyResult' | 'initiative';
export interface NodeRef {
  kind: NodeKind;
  id: string;
}

export interface WeightedLink {
  to: NodeRef;
  /** > 0 */
  weight: number;
}

/**
 * The upper graph of one organization: everything above the tickets. Inactive nodes (archived
 * goals, cancelled or archived objectives, archived key results, cancelled or archived
 * initiatives) keep their place and their weight; effort that reaches them stops there.
 */
export interface AlignmentGraph {
  /** `key` orders the goals in the report, and so decides ties in `percent` (docs/design.md 2.1) */
  goals: ReadonlyMap<
    string,
    { key: string; active: boolean; horizon: Horizon; targetShare: number | null }
  >;
  /** links: to a goal, a parent objective or a key result of another objective */
  objectives: ReadonlyMap<string, { active: boolean; links: readonly WeightedLink[] }>;
  /** a key result passes everything to its objective (ownership, not a weighted link) */
  keyResults: ReadonlyMap<string, { active: boolean; objectiveId: string }>;
  /** links: to key results or objectives */
  initiatives: ReadonlyMap<string, { active: boolean; links: readonly WeightedLink[] }>;
}

/**
 * Tickets grouped by their distinct set of (initiative, link weight): the unit of both the flow and
 * of reach, since reach is a per-ticket property. An empty set is NO_INITIATIVE.
 */
export interface EffortGroup {
  initiatives: readonly { id: string; weight: number }[];
  effort: number;
  tickets: number;
  /** tickets of the group without points (counted whatever the measure) */
  unestimated: number;
}

export interface GoalFigures {
  goalId: string;
  effort: number;
  /** exclusive, fractional: sums with the buckets to 1 */
  share: number;
  /** share for display, one decimal, largest remainder: goals and buckets sum to exactly 100.0 */
  percent: number;
  /** inclusive: the fraction of total effort whose tickets reach the goal by any flowing path */
  reach: number;
  targetShare: number | null;
  gap: number | null;
}

export interface BucketFigures {
  reason: UnalignedReason;
  effort: number;
  share: number;
  percent: number;
  /** tickets with any effort in the bucket (a ticket split across buckets counts in each) */
  ticketCount: number;
}

export type HorizonKey = Horizon | 'UNALIGNED';

export interface HorizonFigures {
  horizon: HorizonKey;
  effort: number;
  share: number;
  /** from the organization's target mix; null for UNALIGNED */
  targetShare: number | null;
}

export interface AlignmentFigures {
  totalEffort: number;
  alignedEffort: number;
  alignedShare: number;
  ticketCount: number;
  unestimatedTickets: number;
  /** every active goal, also those with no effort (neglected), in key order */
  goals: GoalFigures[];
  /** one per reason that has tickets in scope */
  unaligned: BucketFigures[];
  horizons: HorizonFigures[];
}
