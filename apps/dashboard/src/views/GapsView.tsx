import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useQuery } from 'urql';
import { useCanEditLinks } from '../auth/role';
import { QueryState } from '../components/ViewState';
import { useFilters } from '../filters/scope';
import { graphql } from '../gql';
import { useLiveAlignment } from '../graphql/useLiveAlignment';
import { BusyKeyResultsSection } from './gaps/BusyKeyResultsSection';
import { DriftSection } from './gaps/DriftSection';
import { useGapFixes } from './gaps/linkTargets';
import { NeglectedGoalsSection } from './gaps/NeglectedGoalsSection';
import { OverdueCheckInsSection } from './gaps/OverdueCheckInsSection';
import { StalledInitiativesSection } from './gaps/StalledInitiativesSection';
import { TicketSourcesSection } from './gaps/TicketSourcesSection';
import { UnalignedTicketsSection } from './gaps/UnalignedTicketsSection';
import { UnsupportedKeyResultsSection } from './gaps/UnsupportedKeyResultsSection';
import { ScopeSummary } from './ScopeSummary';

// One request for the whole page; each section (views/gaps) shows its part of the answer.
const GapsQuery = graphql(`
  query Gaps($scope: AlignmentScopeInput) {
    gaps(scope: $scope) {
      unaligned {
        reason
        effort
        ticketCount
        tickets {
          ...TicketSummary
          initiativeLinks {
            initiative {
              id
              key
            }
          }
        }
      }
      unsupportedKeyResults {
        id
        key
        title
        progress
        objective {
          key
          title
        }
      }
      idleInitiatives {
        id
        key
        title
        status
        team {
          name
        }
      }
      neglectedGoals {
        id
        ...GoalRef
        targetShare
      }
      drift {
        ...GoalFigures
      }
      busyNotMoving {
        id
        key
        title
        outcomeVsOutput {
          progress
          delivery
        }
      }
      staleSources {
        source
        lastSyncedAt
        stale
      }
      overdueCheckIns {
        keyResult {
          id
          key
          title
        }
        kpi {
          id
          key
          title
        }
        lastCheckInAt
        daysOverdue
      }
    }
  }
`);

/**
 * What serves no goal and what is stuck. An EDITOR fixes the commonest gaps here:
 * an unlinked ticket gets an initiative, an initiative without a key result gets one.
 */
export function GapsView() {
  const { filters, scope } = useFilters();
  const [result, refetch] = useQuery({ query: GapsQuery, variables: { scope } });
  const live = useLiveAlignment(refetch);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const fixes = useGapFixes(useCanEditLinks(), reload);
  const location = useLocation();

  // a link from the overview (#NO_INITIATIVE) scrolls to its section once it is there
  const loaded = Boolean(result.data);
  useEffect(() => {
    if (loaded && location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [loaded, location.hash]);

  return (
    <>
      <h1>Gaps</h1>
      <ScopeSummary filters={filters} updatedAt={live.updatedAt} />
      <QueryState result={result} retry={reload} what="the gaps">
        {({ gaps }) => (
          <>
            <UnalignedTicketsSection
              buckets={gaps.unaligned}
              measure={filters.measure}
              fixes={fixes}
            />
            <div className="grid">
              <UnsupportedKeyResultsSection keyResults={gaps.unsupportedKeyResults} fixes={fixes} />
              <NeglectedGoalsSection goals={gaps.neglectedGoals} />
              <DriftSection drift={gaps.drift} />
              <StalledInitiativesSection initiatives={gaps.idleInitiatives} />
              <BusyKeyResultsSection keyResults={gaps.busyNotMoving} />
              <OverdueCheckInsSection overdue={gaps.overdueCheckIns} />
              <TicketSourcesSection sources={gaps.staleSources} />
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}
