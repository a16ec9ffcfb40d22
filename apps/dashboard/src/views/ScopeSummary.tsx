import type { Filters } from '../filters/scope';

/** Says in words which tickets the numbers on the page count. */
export function ScopeSummary({ filters }: { filters: Filters }) {
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
    </p>
  );
}
