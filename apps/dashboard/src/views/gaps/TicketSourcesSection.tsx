import { ListCard } from '../../components/ListCard';
import { formatDateTime } from '../../format';
import type { GapsQuery } from '../../gql/graphql';

/** Each source of imported tickets, fresh or stale by its last sync. */
export function TicketSourcesSection({ sources }: { sources: GapsQuery['gaps']['staleSources'] }) {
  return (
    <ListCard
      headingId="stale-heading"
      title="Ticket sources"
      items={sources}
      itemKey={(s) => s.source}
      empty="No imported tickets yet."
    >
      {(s) => (
        <>
          {s.source}{' '}
          <span className={`badge ${s.stale ? 'bad' : 'ok'}`}>{s.stale ? 'stale' : 'fresh'}</span>{' '}
          <span className="muted">last synced {formatDateTime(s.lastSyncedAt)}</span>
        </>
      )}
    </ListCard>
  );
}
