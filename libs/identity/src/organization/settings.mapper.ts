import type { OrganizationSettings as Settings, WorkType } from '@app/domain';
import type {
  OrganizationSettings,
  OrganizationSettingsInput,
} from './organization-settings.type.js';

/**
 * Domain settings (maps keyed by name) -> the GraphQL shape (lists of entries, sorted by name: the
 * stored JSON document does not keep the order in which entries were given).
 */
export function settingsToGraphql(s: Settings): OrganizationSettings {
  const sorted = <V>(map: Record<string, V>) =>
    Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const entries = (map: Record<string, WorkType>) =>
    sorted(map).map(([name, workType]) => ({ name, workType }));
  return {
    unestimatedPoints: s.unestimatedPoints,
    statusMapping: sorted(s.statusMapping).map(([status, category]) => ({ status, category })),
    workTypeMapping: {
      labels: entries(s.workTypeMapping.labels),
      issueTypes: entries(s.workTypeMapping.issueTypes),
      fallback: s.workTypeMapping.fallback,
    },
    horizonTargetMix: { ...s.horizonTargetMix },
    thresholds: { ...s.thresholds },
    checkInEveryDays: s.checkInEveryDays,
    cadenceDays: s.cadenceDays,
  };
}

/** Applies an input onto complete settings: each given part replaces the stored part. */
export function applySettingsInput(current: Settings, input: OrganizationSettingsInput): Settings {
  const toMap = <V>(list: { key: string; value: V }[]) =>
    Object.fromEntries(list.map(({ key, value }) => [key.trim().toLowerCase(), value]));
  return {
    unestimatedPoints: input.unestimatedPoints ?? current.unestimatedPoints,
    statusMapping: input.statusMapping
      ? toMap(input.statusMapping.map((e) => ({ key: e.status, value: e.category })))
      : current.statusMapping,
    workTypeMapping: input.workTypeMapping
      ? {
          labels: toMap(
            input.workTypeMapping.labels.map((e) => ({ key: e.name, value: e.workType })),
          ),
          issueTypes: toMap(
            input.workTypeMapping.issueTypes.map((e) => ({ key: e.name, value: e.workType })),
          ),
          fallback: input.workTypeMapping.fallback,
        }
      : current.workTypeMapping,
    horizonTargetMix: input.horizonTargetMix
      ? { ...input.horizonTargetMix }
      : current.horizonTargetMix,
    thresholds: input.thresholds ? { ...input.thresholds } : current.thresholds,
    checkInEveryDays: input.checkInEveryDays ?? current.checkInEveryDays,
    cadenceDays: input.cadenceDays ?? current.cadenceDays,
  };
}
