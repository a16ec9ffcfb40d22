import { KeyTitle } from '../../components/KeyTitle';
import { ListCard } from '../../components/ListCard';
import { titleCase } from '../../format';
import type { GapsQuery } from '../../gql/graphql';

/** Initiatives planned or in progress with no ticket in scope. */
export function StalledInitiativesSection({
  initiatives,
}: {
  initiatives: GapsQuery['gaps']['idleInitiatives'];
}) {
  return (
    <ListCard
      headingId="idle-heading"
      title="Stalled initiatives"
      note="Planned or in progress, with no ticket in scope."
      items={initiatives}
      itemKey={(i) => i.id}
      empty="None."
    >
      {(i) => (
        <>
          <KeyTitle item={i} />{' '}
          <span className="muted">
            {titleCase(i.status)} · {i.team?.name ?? 'no team'}
          </span>
        </>
      )}
    </ListCard>
  );
}
