import type { EntityManager } from 'typeorm';
import { organizationOf } from '@app/database';
import type { Problem } from '@app/domain';
import { CREDENTIALS_REFUSED } from './event-retry.js';

/** Problems listed per source: the newest first. */
export const MAX_SOURCE_PROBLEMS = 100;

export interface SourceStatusRow {
  source_id: string;
  last_event_at: Date | null;
  last_sync_at: Date | null;
  pending: number;
  dead: number;
}

/**
 * Freshness and queue figures of several sources in one statement. Each figure reads the
 * (source, state, received_at) index: the newest event of each state, the count of PENDING and
 * of DEAD events, never the whole inbox.
 */
export async function sourceStatuses(
  em: EntityManager,
  sourceIds: readonly string[],
): Promise<SourceStatusRow[]> {
  return em.query(
    `SELECT s.id AS source_id, s.last_sync_at,
            (SELECT max(m.at) FROM unnest(ARRAY['PENDING', 'APPLIED', 'IGNORED', 'DEAD']) AS st(state)
               CROSS JOIN LATERAL (SELECT max(e.received_at) AS at FROM source_events e
                                    WHERE e.organization_id = s.organization_id AND e.source_id = s.id
                                      AND e.state = st.state) m) AS last_event_at,
            (SELECT count(*)::int FROM source_events e
              WHERE e.organization_id = s.organization_id AND e.source_id = s.id AND e.state = 'PENDING') AS pending,
            (SELECT count(*)::int FROM source_events e
              WHERE e.organization_id = s.organization_id AND e.source_id = s.id AND e.state = 'DEAD') AS dead
       FROM ticket_sources s WHERE s.organization_id = $2 AND s.id = ANY($1::uuid[])`,
    [sourceIds, organizationOf(em)],
  );
}

/**
 * What needs a person, per source, newest first and bounded: credentials the tracker refuses
 * (events held until they are updated), dead letters (the event, its issue and why), what applied
 * events could not use (a sprint of an unmapped board), and the problems of the last
 * reconciliation when it failed or had any.
 */
export async function sourceProblems(
  em: EntityManager,
  sourceIds: readonly string[],
): Promise<(Problem & { source_id: string })[]> {
  return em.query(
    `SELECT source_id, path, message FROM (
       SELECT p.*, row_number() OVER (PARTITION BY p.source_id ORDER BY p.at DESC, p.path) AS n FROM (
         SELECT h.source_id, h.at, 'credentials' AS path,
                h.why || ' (' || h.held || ' event(s) held until the source''s credentials are updated)' AS message
           FROM (SELECT e.source_id, max(e.received_at) AS at, count(*) AS held,
                        (array_agg(e.last_error ORDER BY e.received_at DESC))[1] AS why
                   FROM source_events e
                  WHERE e.organization_id = $4 AND e.source_id = ANY($1::uuid[]) AND e.state = 'PENDING'
                    AND e.last_error LIKE $3::text || '%'
                  GROUP BY e.source_id) h
         UNION ALL
         SELECT e.source_id, e.received_at AS at,
                'event ' || e.event_type || coalesce(' ' || e.subject, '') || ' (' || e.delivery_id || ')' AS path,
                'dead letter after ' || e.attempts || ' attempt(s): ' || coalesce(e.last_error, 'unknown error') AS message
           FROM source_events e
          WHERE e.organization_id = $4 AND e.source_id = ANY($1::uuid[]) AND e.state = 'DEAD'
         UNION ALL
         SELECT e.source_id, e.received_at, 'event ' || e.event_type || coalesce(' ' || e.subject, '') || ': ' || (p ->> 'path'), p ->> 'message'
           FROM source_events e CROSS JOIN LATERAL jsonb_array_elements(e.problems) AS p
          WHERE e.organization_id = $4 AND e.source_id = ANY($1::uuid[]) AND e.state = 'APPLIED'
            AND e.problems <> '[]'::jsonb
         UNION ALL
         SELECT r.source_id, r.started_at, 'sync ' || to_char(r.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ': ' || (p ->> 'path'), p ->> 'message'
           FROM (SELECT DISTINCT ON (source_id) * FROM sync_runs
                  WHERE organization_id = $4 AND source_id = ANY($1::uuid[])
                  ORDER BY source_id, started_at DESC) r
          CROSS JOIN LATERAL jsonb_array_elements(r.problems) AS p
       ) p
     ) ranked WHERE n <= $2 ORDER BY source_id, n`,
    [sourceIds, MAX_SOURCE_PROBLEMS, CREDENTIALS_REFUSED, organizationOf(em)],
  );
}
