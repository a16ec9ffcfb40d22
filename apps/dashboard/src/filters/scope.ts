import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { AlignmentScopeInput, Measure } from '../gql/graphql';

/**
 * The filters live in the URL (`?team=PLAT&team=PAY&sprint=PLAT-S24&cycle=Q4-26&measure=COUNT`),
 * so a view can be shared as a link. Sprints and a cycle exclude each other, as in the API.
 */
export interface Filters {
  teamKeys: string[];
  sprintKeys: string[];
  cycleKey: string | null;
  measure: Measure;
}

export const FILTER_PARAMS = ['team', 'sprint', 'cycle', 'measure'] as const;

export function filtersFrom(params: URLSearchParams): Filters {
  const cycleKey = params.get('cycle') || null;
  return {
    teamKeys: params.getAll('team').filter(Boolean),
    sprintKeys: cycleKey ? [] : params.getAll('sprint').filter(Boolean),
    cycleKey,
    measure: params.get('measure') === 'COUNT' ? 'COUNT' : 'POINTS',
  };
}

/** The API's scope for these filters; absent fields keep the API's defaults (the ACTIVE sprints). */
export function scopeOf(filters: Filters): AlignmentScopeInput {
  const scope: AlignmentScopeInput = { measure: filters.measure };
  if (filters.teamKeys.length) scope.teamKeys = filters.teamKeys;
  if (filters.sprintKeys.length) scope.sprintKeys = filters.sprintKeys;
  if (filters.cycleKey) scope.cycleKey = filters.cycleKey;
  return scope;
}

/** Writes the filters into search params, keeping every other parameter. */
export function withFilters(params: URLSearchParams, filters: Filters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of FILTER_PARAMS) next.delete(name);
  for (const team of filters.teamKeys) next.append('team', team);
  if (filters.cycleKey) next.set('cycle', filters.cycleKey);
  else for (const sprint of filters.sprintKeys) next.append('sprint', sprint);
  if (filters.measure !== 'POINTS') next.set('measure', filters.measure);
  return next;
}

/** Only the filter parameters, to carry them along links between views. */
export function filterQuery(params: URLSearchParams): string {
  const kept = withFilters(new URLSearchParams(), filtersFrom(params)).toString();
  return kept ? `?${kept}` : '';
}

export function useFilters(): {
  filters: Filters;
  scope: AlignmentScopeInput;
  setFilters(next: Filters): void;
  query: string;
} {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  return useMemo(() => {
    const current = new URLSearchParams(key);
    const filters = filtersFrom(current);
    return {
      filters,
      scope: scopeOf(filters),
      setFilters: (next: Filters) => setParams(withFilters(current, next)),
      query: filterQuery(current),
    };
  }, [key, setParams]);
}
