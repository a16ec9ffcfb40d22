import { useEffect, useRef } from 'react';
import { useSubscription, type UseQueryExecute } from 'urql';
import { graphql } from '../gql';

// A signal only: the views read their own figures (tree, goals, gaps) again, so every number
// still comes from the query the view already shows, and the API computes no report for the push
// (alignmentChanged would compute one per subscriber per change).
const TicketsChanged = graphql(`
  subscription TicketsChanged {
    ticketsChanged {
      at
    }
  }
`);

export interface LiveAlignment {
  /** how many pushes arrived since the view opened: 0 until the first */
  revision: number;
  /** when the newest push arrived (ISO, browser clock), null before the first */
  updatedAt: string | null;
}

/**
 * Live alignment over graphql-ws: the API pushes `ticketsChanged` after every change of tickets
 * (live sources, files, upsertTickets; a burst arrives as one push). Each push re-reads `refetch`
 * from the network, in the view's own scope; children with their own queries re-read theirs with
 * `useRefetchOn(revision, ...)`.
 */
export function useLiveAlignment(refetch?: UseQueryExecute): LiveAlignment {
  const [{ data }] = useSubscription(
    { query: TicketsChanged },
    (previous: LiveAlignment | undefined): LiveAlignment => ({
      revision: (previous?.revision ?? 0) + 1,
      updatedAt: new Date().toISOString(),
    }),
  );
  const live = data ?? { revision: 0, updatedAt: null };
  useRefetchOn(live.revision, refetch);
  return live;
}

/** Reads a query again from the network each time `revision` moves past 0. */
export function useRefetchOn(revision: number, refetch: UseQueryExecute | undefined): void {
  const latest = useRef(refetch);
  useEffect(() => {
    latest.current = refetch;
  });
  useEffect(() => {
    if (revision > 0) latest.current?.({ requestPolicy: 'network-only' });
  }, [revision]);
}
