/**
 * An organization's settings (docs/design.md section 1), editable by ADMIN. Stored as one JSON document;
 * missing entries fall back to these defaults, so adding a setting needs no data migration.
 */
export type StatusCategory = 'TODO' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
export type WorkType = 'NEW_VALUE' | 'MAINTENANCE' | 'TECH_DEBT' | 'BUG';
export type Horizon = 'CORE' | 'ADJACENT' | 'TRANSFORMATIONAL';

export const STATUS_CATEGORIES: readonly StatusCategory[] = [
  'TODO',
  'IN_PROGRESS',
  'DONE',
  'CANCELLED',
];
export const WORK_TYPES: readonly WorkType[] = ['NEW_VALUE', 'MAINTENANCE', 'TECH_DEBT', 'BUG'];
export const HORIZONS: readonly Horizon[] = ['CORE', 'ADJACENT', 'TRANSFORMATIONAL'];

export interface WorkTypeMapping {
  /** label (case-insensitive) -> work type; labels win over the issue type */
  labels: Record<string, WorkType>;
  /** issue type (case-insensitive) -> work type */
  issueTypes: Record<string, WorkType>;
  /** when neither a label nor the issue type matches */
  fallback: WorkType;
}

export interface OrganizationSettings {
  /** effort of a ticket without points under measure POINTS */
  unestimatedPoints: number;
  /** raw status name (case-insensitive) -> status category */
  statusMapping: Record<string, StatusCategory>;
  workTypeMapping: WorkTypeMapping;
  /** intended share of effort per goal horizon; sums to 1 */
  horizonTargetMix: Record<Horizon, number>;
  thresholds: {
    /** |share - targetShare| at or above which a goal is drifting */
    drift: number;
    /** outcome vs output: delivery at or above this ... */
    outputHigh: number;
    /** ... while progress is at or below this flags "busy, not moving the needle" */
    outcomeLow: number;
    /** hours since a source's last sync after which its data is stale */
    staleAfterHours: number;
  };
  /** days between check-ins of a key result or KPI before it is overdue (gaps) */
  checkInEveryDays: number;
  /**
   * Sprint length in days (docs/design.md 3): the expected sprints of a cycle's part not yet covered
   * by sprints, and the window of a period in the trend of several teams.
   */
  cadenceDays: number;
}

/** Bounds of cadenceDays: a day to a year. */
export const CADENCE_DAYS_MIN = 1;
export const CADENCE_DAYS_MAX = 365;

export const DEFAULT_SETTINGS: OrganizationSettings = {
  unestimatedPoints: 1,
  statusMapping: {
    'to do': 'TODO',
    open: 'TODO',
    backlog: 'TODO',
    'selected for development': 'TODO',
    'in progress': 'IN_PROGRESS',
    'in review': 'IN_PROGRESS',
    'code review': 'IN_PROGRESS',
    done: 'DONE',
    closed: 'DONE',
    resolved: 'DONE',
    "won't do": 'CANCELLED',
    cancelled: 'CANCELLED',
    canceled: 'CANCELLED',
    rejected: 'CANCELLED',
  },
  workTypeMapping: {
    labels: { 'tech-debt': 'TECH_DEBT', techdebt: 'TECH_DEBT', refactor: 'TECH_DEBT' },
    issueTypes: { bug: 'BUG', story: 'NEW_VALUE', feature: 'NEW_VALUE' },
    fallback: 'MAINTENANCE',
  },
  horizonTargetMix: { CORE: 0.7, ADJACENT: 0.2, TRANSFORMATIONAL: 0.1 },
  thresholds: { drift: 0.1, outputHigh: 0.7, outcomeLow: 0.3, staleAfterHours: 24 },
  checkInEveryDays: 7,
  cadenceDays: 14,
};

/** Stored (possibly partial, possibly older) settings completed with the defaults. */
export function resolveSettings(
  stored: Partial<OrganizationSettings> | null | undefined,
): OrganizationSettings {
  const s = stored ?? {};
  return {
    unestimatedPoints: s.unestimatedPoints ?? DEFAULT_SETTINGS.unestimatedPoints,
    statusMapping: lowerKeys(s.statusMapping ?? DEFAULT_SETTINGS.statusMapping),
    workTypeMapping: {
      labels: lowerKeys(s.workTypeMapping?.labels ?? DEFAULT_SETTINGS.workTypeMapping.labels),
      issueTypes: lowerKeys(
        s.workTypeMapping?.issueTypes ?? DEFAULT_SETTINGS.workTypeMapping.issueTypes,
      ),
      fallback: s.workTypeMapping?.fallback ?? DEFAULT_SETTINGS.workTypeMapping.fallback,
    },
    horizonTargetMix: { ...DEFAULT_SETTINGS.horizonTargetMix, ...s.horizonTargetMix },
    thresholds: { ...DEFAULT_SETTINGS.thresholds, ...s.thresholds },
    checkInEveryDays: s.checkInEveryDays ?? DEFAULT_SETTINGS.checkInEveryDays,
    cadenceDays: s.cadenceDays ?? DEFAULT_SETTINGS.cadenceDays,
  };
}

/**
 * Every problem with a complete settings document, as field paths and messages; empty when valid.
 */
export function settingsProblems(s: OrganizationSettings): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  if (!Number.isFinite(s.unestimatedPoints) || s.unestimatedPoints < 0) {
    bad('unestimatedPoints', 'must be a number >= 0');
  }
  for (const [status, category] of Object.entries(s.statusMapping)) {
    if (!STATUS_CATEGORIES.includes(category)) {
      bad(`statusMapping.${status}`, `must be one of ${STATUS_CATEGORIES.join(', ')}`);
    }
  }
  for (const [part, map] of [
    ['labels', s.workTypeMapping.labels],
    ['issueTypes', s.workTypeMapping.issueTypes],
  ] as const) {
    for (const [name, workType] of Object.entries(map)) {
      if (!WORK_TYPES.includes(workType)) {
        bad(`workTypeMapping.${part}.${name}`, `must be one of ${WORK_TYPES.join(', ')}`);
      }
    }
  }
  if (!WORK_TYPES.includes(s.workTypeMapping.fallback)) {
    bad('workTypeMapping.fallback', `must be one of ${WORK_TYPES.join(', ')}`);
  }
  let mixTotal = 0;
  for (const horizon of HORIZONS) {
    const share = s.horizonTargetMix[horizon];
    if (!Number.isFinite(share) || share < 0 || share > 1) {
      bad(`horizonTargetMix.${horizon}`, 'must be a fraction between 0 and 1');
    }
    mixTotal += share;
  }
  if (Math.abs(mixTotal - 1) > 1e-9)
    bad('horizonTargetMix', `must sum to 1 (it sums to ${mixTotal})`);
  const t = s.thresholds;
  for (const key of ['drift', 'outputHigh', 'outcomeLow'] as const) {
    if (!Number.isFinite(t[key]) || t[key] < 0 || t[key] > 1) {
      bad(`thresholds.${key}`, 'must be a fraction between 0 and 1');
    }
  }
  if (!Number.isFinite(t.staleAfterHours) || t.staleAfterHours <= 0) {
    bad('thresholds.staleAfterHours', 'must be a number of hours > 0');
  }
  if (!Number.isInteger(s.checkInEveryDays) || s.checkInEveryDays < 1 || s.checkInEveryDays > 365) {
    bad('checkInEveryDays', 'must be a whole number of days from 1 to 365');
  }
  if (
    !Number.isInteger(s.cadenceDays) ||
    s.cadenceDays < CADENCE_DAYS_MIN ||
    s.cadenceDays > CADENCE_DAYS_MAX
  ) {
    bad(
      'cadenceDays',
      `must be a whole number of days from ${CADENCE_DAYS_MIN} to ${CADENCE_DAYS_MAX}`,
    );
  }
  return problems;
}

/** docs/design.md 2.1: labels first, then the issue type, then the fallback; case-insensitive. */
export function workTypeOf(
  labels: readonly string[],
  issueType: string,
  mapping: WorkTypeMapping,
): WorkType {
  for (const label of labels) {
    const byLabel = mapping.labels[label.toLowerCase()];
    if (byLabel) return byLabel;
  }
  return mapping.issueTypes[issueType.toLowerCase()] ?? mapping.fallback;
}

/** Maps a raw status name through the organization's mapping; null when it is not mapped. */
export function statusCategoryOf(
  rawStatus: string,
  mapping: Record<string, StatusCategory>,
): StatusCategory | null {
  return mapping[rawStatus.trim().toLowerCase()] ?? null;
}

function lowerKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.trim().toLowerCase(), v]));
}
