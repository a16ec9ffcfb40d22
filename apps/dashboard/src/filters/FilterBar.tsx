import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useFilters, type Filters } from './scope';

const FilterOptions = graphql(`
  query FilterOptions {
    teams(first: 200) {
      nodes {
        key
        name
      }
    }
    sprints(first: 200) {
      nodes {
        key
        name
        state
        team {
          key
        }
      }
    }
    cycles(first: 200) {
      nodes {
        key
        name
        state
      }
    }
  }
`);

/** Team, sprints, cycle and measure; every change goes into the URL. */
export function FilterBar() {
  const { filters, setFilters } = useFilters();
  const [{ data, error }] = useQuery({ query: FilterOptions });
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });
  const toggle = (list: string[], key: string, on: boolean) =>
    on ? [...list.filter((k) => k !== key), key] : list.filter((k) => k !== key);
  const teams = data?.teams.nodes ?? [];
  const sprints = (data?.sprints.nodes ?? []).filter(
    (s) => !filters.teamKeys.length || filters.teamKeys.includes(s.team.key),
  );
  const cycles = data?.cycles.nodes ?? [];

  return (
    <section className="filters" aria-label="Filters">
      <fieldset>
        <legend>Teams</legend>
        {teams.map((t) => (
          <label key={t.key} className="check">
            <input
              type="checkbox"
              name="team"
              value={t.key}
              checked={filters.teamKeys.includes(t.key)}
              onChange={(e) => set({ teamKeys: toggle(filters.teamKeys, t.key, e.target.checked) })}
            />
            {t.name}
          </label>
        ))}
        {!teams.length && <span className="muted">{error ? 'unavailable' : 'all teams'}</span>}
      </fieldset>
      <label className="filter">
        Sprints
        <select
          multiple
          name="sprint"
          size={3}
          value={filters.sprintKeys}
          onChange={(e) =>
            set({
              sprintKeys: [...e.target.selectedOptions].map((o) => o.value),
              cycleKey: null,
            })
          }
        >
          {sprints.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
              {s.state === 'ACTIVE' ? ' (active)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        Cycle
        <select
          name="cycle"
          value={filters.cycleKey ?? ''}
          onChange={(e) => set({ cycleKey: e.target.value || null, sprintKeys: [] })}
        >
          <option value="">Active sprints</option>
          {cycles.map((c) => (
            <option key={c.key} value={c.key}>
              {c.name}
              {c.state === 'ACTIVE' ? ' (active)' : ''}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Measure</legend>
        <label className="check">
          <input
            type="radio"
            name="measure"
            value="POINTS"
            checked={filters.measure === 'POINTS'}
            onChange={() => set({ measure: 'POINTS' })}
          />
          Story points
        </label>
        <label className="check">
          <input
            type="radio"
            name="measure"
            value="COUNT"
            checked={filters.measure === 'COUNT'}
            onChange={() => set({ measure: 'COUNT' })}
          />
          Ticket count
        </label>
      </fieldset>
      {(filters.teamKeys.length > 0 ||
        filters.sprintKeys.length > 0 ||
        filters.cycleKey ||
        filters.measure !== 'POINTS') && (
        <button
          type="button"
          className="link"
          onClick={() =>
            setFilters({ teamKeys: [], sprintKeys: [], cycleKey: null, measure: 'POINTS' })
          }
        >
          Clear filters
        </button>
      )}
    </section>
  );
}
