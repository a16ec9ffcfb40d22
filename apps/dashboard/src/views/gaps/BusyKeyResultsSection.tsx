import { KeyTitle } from '../../components/KeyTitle';
import { ListCard } from '../../components/ListCard';
import { formatShare } from '../../format';
import type { GapsQuery } from '../../gql/graphql';

/** Key results whose initiatives deliver while the key result itself does not move. */
export function BusyKeyResultsSection({
  keyResults,
}: {
  keyResults: GapsQuery['gaps']['busyNotMoving'];
}) {
  return (
    <ListCard
      headingId="busy-heading"
      title="Busy, not moving the needle"
      items={keyResults}
      itemKey={(kr) => kr.id}
      empty="No key result is flagged."
    >
      {(kr) => (
        <>
          <KeyTitle item={kr} />{' '}
          <span className="muted">
            delivery {formatShare(kr.outcomeVsOutput.delivery)} · progress{' '}
            {formatShare(kr.outcomeVsOutput.progress)}
          </span>
        </>
      )}
    </ListCard>
  );
}
