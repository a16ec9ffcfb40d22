import { DomainError, KEY_PATTERN, type Measure } from '@app/domain';
import type { AlignmentScopeInput } from '@app/alignment';

/** What one export covers, read from the query string the dashboard's filters also use. */
export interface ExportScope {
  /** the alignment scope, exactly as the overview sends it to `alignment(scope:)` */
  scope: AlignmentScopeInput;
  teamKeys: string[];
  sprintKeys: string[];
  cycleKey: string | null;
  measure: Measure;
}

/** The same bound as AlignmentScopeInput's lists. */
const MAX_KEYS = 200;
const SCOPE_PARAMS = ['team', 'sprint', 'cycle', 'measure'] as const;
type Query = Record<string, unknown>;

/**
 * `?team=A&team=B&sprint=S1&cycle=Q1&measure=COUNT`: the dashboard's own filter parameters, so a
 * view's filters carry over as they are. Every value is checked here, naming the parameter in a
 * 400; an unknown parameter is refused too (a typo must not silently widen the scope).
 */
export function exportScope(query: Query, allowed: readonly string[] = SCOPE_PARAMS): ExportScope {
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) {
      throw DomainError.badInput(name, `unknown parameter: use ${allowed.join(', ')}`);
    }
  }
  const teamKeys = keys(query, 'team');
  const sprintKeys = keys(query, 'sprint');
  const cycles = keys(query, 'cycle');
  if (cycles.length > 1) throw DomainError.badInput('cycle', 'give one cycle');
  const cycleKey = cycles[0] ?? null;
  if (cycleKey && sprintKeys.length) {
    throw DomainError.badInput('cycle', 'give sprint or cycle, not both');
  }
  const measures = values(query, 'measure');
  if (measures.length > 1) throw DomainError.badInput('measure', 'give one measure');
  const measure = measures[0] ?? 'POINTS';
  if (measure !== 'POINTS' && measure !== 'COUNT') {
    throw DomainError.badInput('measure', 'must be POINTS or COUNT');
  }
  const scope: AlignmentScopeInput = { measure };
  if (teamKeys.length) scope.teamKeys = teamKeys;
  if (sprintKeys.length) scope.sprintKeys = sprintKeys;
  if (cycleKey) scope.cycleKey = cycleKey;
  return { scope, teamKeys, sprintKeys, cycleKey, measure };
}

/** The planning export: `?cycle=KEY`, required. */
export function requiredCycle(query: Query): string {
  const { cycleKey } = exportScope(query, ['cycle']);
  if (!cycleKey) throw DomainError.badInput('cycle', 'required: the key of the cycle to export');
  return cycleKey;
}

function values(query: Query, name: string): string[] {
  const raw = query[name];
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length > MAX_KEYS) throw DomainError.badInput(name, `give at most ${MAX_KEYS}`);
  return list.map((value) => {
    if (typeof value !== 'string') throw DomainError.badInput(name, 'must be a plain value');
    return value;
  });
}

function keys(query: Query, name: string): string[] {
  const list = values(query, name).filter((v) => v !== '');
  for (const key of list) {
    if (!KEY_PATTERN.test(key)) {
      throw DomainError.badInput(
        name,
        'must be a key: 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit',
      );
    }
  }
  return [...new Set(list)];
}
