import { formatDateTime, formatNumber, formatRelative, titleCase } from '../../format';
import type { SyncRunFieldsFragment } from '../../gql/graphql';
import { ProblemList } from './ProblemList';

const STATE_BADGE = { SUCCEEDED: 'ok', FAILED: 'bad', RUNNING: '' } as const;

/** One reconciliation as the API reports it: its state, its counts and its problems. */
export function SyncRunSummary({ run, now }: { run: SyncRunFieldsFragment; now: number }) {
  return (
    <div className="sync-run" data-testid="sync-run">
      <span className={`badge ${STATE_BADGE[run.state]}`}>{titleCase(run.state)}</span>{' '}
      <span className="muted">
        {titleCase(run.trigger)},{' '}
        {run.finishedAt ? (
          <time dateTime={run.finishedAt} title={formatDateTime(run.finishedAt)}>
            ended {formatRelative(run.finishedAt, now)}
          </time>
        ) : (
          <time dateTime={run.startedAt} title={formatDateTime(run.startedAt)}>
            started {formatRelative(run.startedAt, now)}
          </time>
        )}
      </span>
      <span className="sync-counts" data-testid="sync-counts">
        {formatNumber(run.created)} created · {formatNumber(run.updated)} updated ·{' '}
        {formatNumber(run.unchanged)} unchanged
      </span>
      {run.problems.length > 0 && <ProblemList problems={run.problems} label="Sync problems" />}
    </div>
  );
}
