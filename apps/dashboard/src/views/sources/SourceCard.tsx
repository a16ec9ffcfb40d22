import { formatDateTime, formatNumber, formatRelative, titleCase } from '../../format';
import type { TicketSourceFieldsFragment } from '../../gql/graphql';
import { ProblemList } from './ProblemList';
import type { ShownSecret } from './SecretPanel';
import { SourceActions } from './SourceActions';
import { SyncRunSummary } from './SyncRunSummary';

/**
 * One source as every member sees it: is it fresh (last webhook, last reconciliation), is work
 * waiting (pending events, dead letters), what went wrong. ADMIN and OWNER also get its actions.
 */
export function SourceCard({
  source,
  now,
  canManage,
  onShowSecret,
  onChanged,
}: {
  source: TicketSourceFieldsFragment;
  now: number;
  canManage: boolean;
  onShowSecret: (shown: ShownSecret) => void;
  onChanged: () => void;
}) {
  const headingId = `source-${source.id}-name`;
  return (
    <article
      className="card source"
      aria-labelledby={headingId}
      data-testid={`source-${source.name}`}
    >
      <header className="source-head">
        <h2 id={headingId}>{source.name}</h2>
        <span className="badge">{titleCase(source.kind)}</span>
        {!source.enabled && <span className="badge">disabled</span>}
        {source.stale && (
          <span className="badge bad" data-testid="stale">
            stale
          </span>
        )}
      </header>
      <dl className="facts source-facts">
        <dt>Last event</dt>
        <dd data-testid="last-event">
          <Moment at={source.lastEventAt} now={now} />
        </dd>
        <dt>Last sync</dt>
        <dd data-testid="last-sync-at">
          <Moment at={source.lastSyncAt} now={now} />
        </dd>
        <dt>Pending events</dt>
        <dd className="num-inline" data-testid="pending-events">
          {formatNumber(source.pendingEvents)}
        </dd>
        <dt>Dead letters</dt>
        <dd
          className={`num-inline${source.deadLetters > 0 ? ' under' : ''}`}
          data-testid="dead-letters"
        >
          {formatNumber(source.deadLetters)}
        </dd>
        <dt>Site</dt>
        <dd>
          {source.baseUrl ?? <span className="muted">none (webhooks only)</span>}
          {!source.hasCredentials && (
            <span className="muted"> · no API credentials: it cannot be reconciled</span>
          )}
        </dd>
        <dt>Webhook</dt>
        <dd>
          <code>{source.webhookPath}</code>
        </dd>
      </dl>
      <section aria-label="Last sync run">
        <h3>Last sync run</h3>
        {source.lastSync ? (
          <SyncRunSummary run={source.lastSync} now={now} />
        ) : (
          <p className="muted">Not reconciled yet.</p>
        )}
      </section>
      {source.problems.length > 0 && (
        <section aria-label="Problems">
          <h3>Problems</h3>
          <ProblemList problems={source.problems} label={`Problems of ${source.name}`} />
        </section>
      )}
      {canManage && (
        <SourceActions
          source={source}
          now={now}
          onShowSecret={onShowSecret}
          onChanged={onChanged}
        />
      )}
    </article>
  );
}

function Moment({ at, now }: { at: string | null; now: number }) {
  if (!at) return <span className="muted">never</span>;
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at, now)}
    </time>
  );
}
