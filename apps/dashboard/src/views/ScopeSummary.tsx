import { LiveUpdated } from '../components/LiveUpdated';
import type { Filters } from '../filters/scope';

/** Says in words which tickets the numbers on the page count, and when a live push last came. */
export function ScopeSummary({
  filters,
  updatedAt = null,
}: {
  filters: Filters;
  updatedAt?: string | null;
}) {
  const parts = [
    filters.cycleKey
      ? `cycle ${filters.cycleKey}`
      : filters.sprintKeys.length
        ? `sprints ${filters.sprintKeys.join(', ')}`
        : 'the active sprints',
    filters.teamKeys.length ? `teams ${filters.teamKeys.join(', ')}` : 'all teams',
    filters.measure === 'COUNT' ? 'measured in tickets' : 'measured in story points',
  ];
  return (
    <p className="scope" data-testid="scope-summary">
      Tickets of {parts.join(' · ')}
      <LiveUpdated at={updatedAt} />
    </p>
  );
}
