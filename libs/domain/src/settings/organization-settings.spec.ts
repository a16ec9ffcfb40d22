import {
  DEFAULT_SETTINGS,
  resolveSettings,
  settingsProblems,
  statusCategoryOf,
  workTypeOf,
  type OrganizationSettings,
} from './organization-settings.js';

/** A complete, valid settings document with one part changed. */
function withChange(change: (s: OrganizationSettings) => void): OrganizationSettings {
  const s = resolveSettings(structuredClone(DEFAULT_SETTINGS));
  change(s);
  return s;
}

const fields = (s: OrganizationSettings) => settingsProblems(s).map((p) => p.field);

describe('resolveSettings', () => {
  it('gives the defaults when nothing is stored', () => {
    expect(resolveSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(resolveSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(resolveSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('uses the 70/20/10 target mix by default', () => {
    expect(resolveSettings({}).horizonTargetMix).toEqual({
      CORE: 0.7,
      ADJACENT: 0.2,
      TRANSFORMATIONAL: 0.1,
    });
  });

  it('completes a partial document part by part', () => {
    const s = resolveSettings({
      unestimatedPoints: 3,
      thresholds: { drift: 0.2 } as OrganizationSettings['thresholds'],
    });
    expect(s.unestimatedPoints).toBe(3);
    expect(s.thresholds).toEqual({ ...DEFAULT_SETTINGS.thresholds, drift: 0.2 });
    expect(s.statusMapping).toEqual(DEFAULT_SETTINGS.statusMapping);
    expect(s.workTypeMapping).toEqual(DEFAULT_SETTINGS.workTypeMapping);
  });

  it('keeps a stored 0 (not replaced by the default)', () => {
    expect(resolveSettings({ unestimatedPoints: 0 }).unestimatedPoints).toBe(0);
  });

  it('lower-cases and trims mapping keys', () => {
    const s = resolveSettings({
      statusMapping: { ' Ready For QA ': 'IN_PROGRESS' },
      workTypeMapping: {
        labels: { 'Tech-Debt': 'TECH_DEBT' },
        issueTypes: { Incident: 'BUG' },
        fallback: 'NEW_VALUE',
      },
    });
    expect(s.statusMapping).toEqual({ 'ready for qa': 'IN_PROGRESS' });
    expect(s.workTypeMapping).toEqual({
      labels: { 'tech-debt': 'TECH_DEBT' },
      issueTypes: { incident: 'BUG' },
      fallback: 'NEW_VALUE',
    });
  });

  it('does not share (and so cannot mutate) the defaults', () => {
    const s = resolveSettings({});
    s.horizonTargetMix.CORE = 0;
    s.statusMapping['to do'] = 'DONE';
    expect(DEFAULT_SETTINGS.horizonTargetMix.CORE).toBe(0.7);
    expect(DEFAULT_SETTINGS.statusMapping['to do']).toBe('TODO');
  });
});

describe('settingsProblems', () => {
  it('finds nothing wrong with the defaults', () => {
    expect(settingsProblems(resolveSettings({}))).toEqual([]);
  });

  it('refuses negative or non-finite unestimated points', () => {
    expect(fields(withChange((s) => (s.unestimatedPoints = -1)))).toEqual(['unestimatedPoints']);
    expect(fields(withChange((s) => (s.unestimatedPoints = Number.NaN)))).toEqual([
      'unestimatedPoints',
    ]);
    expect(fields(withChange((s) => (s.unestimatedPoints = 0)))).toEqual([]);
  });

  it('refuses an unknown status category, naming the status', () => {
    const s = withChange((s) => {
      (s.statusMapping as Record<string, string>)['blocked'] = 'WAITING';
    });
    expect(settingsProblems(s)).toEqual([
      {
        field: 'statusMapping.blocked',
        message: 'must be one of TODO, IN_PROGRESS, DONE, CANCELLED',
      },
    ]);
  });

  it('refuses an unknown work type in labels, issue types and the fallback', () => {
    const s = withChange((s) => {
      (s.workTypeMapping.labels as Record<string, string>)['ux'] = 'DESIGN';
      (s.workTypeMapping.issueTypes as Record<string, string>)['spike'] = 'RESEARCH';
      (s.workTypeMapping as { fallback: string }).fallback = 'OTHER';
    });
    expect(fields(s)).toEqual([
      'workTypeMapping.labels.ux',
      'workTypeMapping.issueTypes.spike',
      'workTypeMapping.fallback',
    ]);
  });

  it('refuses a horizon mix that does not sum to 1', () => {
    const problems = settingsProblems(
      withChange((s) => (s.horizonTargetMix = { CORE: 0.5, ADJACENT: 0.2, TRANSFORMATIONAL: 0.1 })),
    );
    expect(problems).toEqual([
      {
        field: 'horizonTargetMix',
        message: expect.stringMatching(/^must sum to 1 \(it sums to 0\.[78]/),
      },
    ]);
  });

  it('accepts a mix that sums to 1 up to floating point', () => {
    expect(
      fields(
        withChange(
          (s) => (s.horizonTargetMix = { CORE: 0.1, ADJACENT: 0.2, TRANSFORMATIONAL: 0.7 }),
        ),
      ),
    ).toEqual([]);
  });

  it('refuses a share outside 0..1, naming the horizon', () => {
    expect(
      fields(
        withChange(
          (s) => (s.horizonTargetMix = { CORE: 1.5, ADJACENT: -0.5, TRANSFORMATIONAL: 0 }),
        ),
      ),
    ).toEqual(['horizonTargetMix.CORE', 'horizonTargetMix.ADJACENT']);
  });

  it('refuses thresholds outside 0..1 and a non-positive staleness', () => {
    const s = withChange((s) => {
      s.thresholds = { drift: -0.1, outputHigh: 1.2, outcomeLow: Number.NaN, staleAfterHours: 0 };
    });
    expect(fields(s)).toEqual([
      'thresholds.drift',
      'thresholds.outputHigh',
      'thresholds.outcomeLow',
      'thresholds.staleAfterHours',
    ]);
  });

  it('refuses a check-in cadence that is not 1 to 365 whole days', () => {
    for (const days of [0, 366, 1.5, Number.NaN]) {
      expect(fields(withChange((s) => void (s.checkInEveryDays = days)))).toEqual([
        'checkInEveryDays',
      ]);
    }
    expect(fields(withChange((s) => void (s.checkInEveryDays = 14)))).toEqual([]);
  });

  it('keeps the cadence a whole number of days from 1 to 365, 14 by default', () => {
    expect(resolveSettings({}).cadenceDays).toBe(14);
    expect(resolveSettings({ cadenceDays: 7 }).cadenceDays).toBe(7);
    for (const ok of [1, 14, 365])
      expect(fields(withChange((s) => (s.cadenceDays = ok)))).toEqual([]);
    for (const bad of [0, 366, 7.5, Number.NaN, -14]) {
      expect(fields(withChange((s) => (s.cadenceDays = bad)))).toEqual(['cadenceDays']);
    }
  });

  it('reports every problem at once', () => {
    const s = withChange((s) => {
      s.unestimatedPoints = -2;
      s.thresholds.staleAfterHours = -1;
    });
    expect(fields(s)).toEqual(['unestimatedPoints', 'thresholds.staleAfterHours']);
  });
});

describe('workTypeOf', () => {
  const mapping = DEFAULT_SETTINGS.workTypeMapping;

  it('a matching label wins over the issue type', () => {
    expect(workTypeOf(['tech-debt'], 'Bug', mapping)).toBe('TECH_DEBT');
    expect(workTypeOf(['frontend', 'refactor'], 'Story', mapping)).toBe('TECH_DEBT');
  });

  it('matches labels and issue types case-insensitively', () => {
    expect(workTypeOf(['TechDebt'], 'Task', mapping)).toBe('TECH_DEBT');
    expect(workTypeOf([], 'BUG', mapping)).toBe('BUG');
    expect(workTypeOf([], 'story', mapping)).toBe('NEW_VALUE');
    expect(workTypeOf(['frontend'], 'Feature', mapping)).toBe('NEW_VALUE');
  });

  it('falls back when neither a label nor the issue type matches', () => {
    expect(workTypeOf(['frontend'], 'Task', mapping)).toBe('MAINTENANCE');
    expect(workTypeOf([], 'Task', { ...mapping, fallback: 'NEW_VALUE' })).toBe('NEW_VALUE');
  });

  it('follows a custom mapping', () => {
    const custom = resolveSettings({
      workTypeMapping: { labels: { Customer: 'NEW_VALUE' }, issueTypes: {}, fallback: 'BUG' },
    }).workTypeMapping;
    expect(workTypeOf(['customer'], 'Task', custom)).toBe('NEW_VALUE');
    expect(workTypeOf(['tech-debt'], 'Story', custom)).toBe('BUG');
  });
});

describe('statusCategoryOf', () => {
  const mapping = DEFAULT_SETTINGS.statusMapping;

  it('maps the default Jira statuses case-insensitively, trimming spaces', () => {
    expect(statusCategoryOf('To Do', mapping)).toBe('TODO');
    expect(statusCategoryOf('IN REVIEW', mapping)).toBe('IN_PROGRESS');
    expect(statusCategoryOf(' Done ', mapping)).toBe('DONE');
    expect(statusCategoryOf("Won't Do", mapping)).toBe('CANCELLED');
  });

  it('gives null for a status the mapping does not know', () => {
    expect(statusCategoryOf('Waiting for customer', mapping)).toBeNull();
  });
});
