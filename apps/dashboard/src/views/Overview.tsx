import { useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { QueryState } from '../components/ViewState';
import { ExportButtons } from '../exports/ExportButtons';
import { useFilters } from '../filters/scope';
import { effortUnit } from '../format';
import { graphql } from '../gql';
import { useLiveAlignment } from '../graphql/useLiveAlignment';
import { KeyResultsSection } from './KeyResultsSection';
import { GoalSharesSection } from './overview/GoalSharesSection';
import { HorizonSection } from './overview/HorizonSection';
import { KpiSection } from './overview/KpiSection';
import { SummarySection } from './overview/SummarySection';
import { UnalignedSection } from './overview/UnalignedSection';
import { WorkTypeSection } from './overview/WorkTypeSection';
import { ScopeSummary } from './ScopeSummary';
import { TreeSection } from './TreeSection';

// One request for the whole page; each section (views/overview) shows its part of the answer.
const OverviewQuery = graphql(`
  query Overview($scope: AlignmentScopeInput, $cycleKey: String) {
    alignment(scope: $scope) {
      totalEffort
      alignedEffort
      alignedShare
      ticketCount
      unestimatedTickets
      goals {
        ...GoalFigures
        effort
        share
        reach
        goal {
          id
          horizon
          progress(cycleKey: $cycleKey)
          kpis {
            id
            key
            title
            unit
            current
            healthyMin
            healthyMax
            healthy
          }
        }
      }
      unaligned {
        reason
        effort
        percent
        ticketCount
      }
      horizons {
        horizon
        share
        targetShare
      }
      workTypes {
        workType
        effort
        share
      }
    }
  }
`);

/** Alignment, balance, progress and health of the organization at a glance. */
export function Overview() {
  const { filters, scope, query } = useFilters();
  const navigate = useNavigate();
  const [result, refetch] = useQuery({
    query: OverviewQuery,
    variables: { scope, cycleKey: filters.cycleKey },
  });
  // a live source changed tickets: read the report (and the tree below) again
  const live = useLiveAlignment(refetch);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const openGoal = (key: string) => navigate(`/goals/${encodeURIComponent(key)}${query}`);
  const unit = effortUnit(filters.measure);

  return (
    <>
      <h1>Overview</h1>
      <ScopeSummary filters={filters} updatedAt={live.updatedAt} />
      <div className="toolbar">
        <ExportButtons csvPath="/exports/overview.csv" query={query} />
      </div>
      <QueryState result={result} retry={reload} what="the alignment report">
        {({ alignment }) => (
          <>
            <SummarySection totals={alignment} measure={filters.measure} />
            <GoalSharesSection
              alignment={alignment}
              unit={unit}
              query={query}
              onSelectGoal={openGoal}
            />
            <div className="grid">
              <UnalignedSection
                unaligned={alignment.unaligned}
                measure={filters.measure}
                query={query}
              />
              <HorizonSection horizons={alignment.horizons} />
              <WorkTypeSection workTypes={alignment.workTypes} unit={unit} />
            </div>
            <KeyResultsSection cycleKey={filters.cycleKey} />
            <KpiSection goals={alignment.goals.map((g) => g.goal)} onCheckedIn={reload} />
            <TreeSection
              measure={filters.measure}
              scope={scope}
              onSelectGoal={openGoal}
              revision={live.revision}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
