import { useCallback, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { useCanManageSources } from '../../auth/role';
import { Empty, QueryState } from '../../components/ViewState';
import { CreateSourceForm } from './CreateSourceForm';
import { TicketSourcesQuery } from './operations';
import { SecretPanel, type ShownSecret } from './SecretPanel';
import { SourceCard } from './SourceCard';
import { usePolling } from './usePolling';

/** Often enough that a webhook's pending event is seen to drain, rare enough to cost nothing. */
export const REFRESH_MS = 5000;

/**
 * The live ticket sources (README "live ticket sources"): every member sees how fresh each is and
 * what is waiting or failed; ADMIN and OWNER connect, sync, rotate and delete them. A webhook
 * secret is held only in this page's state, from the answer that carried it until it is hidden.
 */
export default function SourcesView() {
  const canManage = useCanManageSources();
  // the list can start empty: a created source must still refetch it (urql's document cache
  // invalidates by the typenames a result held)
  const context = useMemo(() => ({ additionalTypenames: ['TicketSource'] }), []);
  const [result, refetch] = useQuery({ query: TicketSourcesQuery, context });
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const now = usePolling(reload, REFRESH_MS);
  const [shown, setShown] = useState<ShownSecret | null>(null);

  const showSecret = (next: ShownSecret) => {
    setShown(next);
    reload();
  };

  return (
    <>
      <h1>Sources</h1>
      <p className="scope">
        Trackers that send their changes as they happen (webhooks) and are reconciled every 15
        minutes. Refreshed every {REFRESH_MS / 1000} seconds.
      </p>
      {shown && <SecretPanel shown={shown} onDone={() => setShown(null)} />}
      <QueryState result={result} retry={reload} what="the sources">
        {({ ticketSources }) =>
          ticketSources.length === 0 ? (
            <Empty>
              No live source yet.{' '}
              {canManage
                ? 'Connect one below.'
                : 'An ADMIN or OWNER of the organization connects them.'}
            </Empty>
          ) : (
            <div className="sources">
              {ticketSources.map((source) => (
                <SourceCard
                  key={source.id}
                  source={source}
                  now={now}
                  canManage={canManage}
                  onShowSecret={showSecret}
                  onChanged={reload}
                />
              ))}
            </div>
          )
        }
      </QueryState>
      {canManage && <CreateSourceForm onCreated={showSecret} />}
    </>
  );
}
