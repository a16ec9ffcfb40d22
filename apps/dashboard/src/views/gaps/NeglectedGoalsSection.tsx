import { GoalLink } from '../../components/links';
import { ListCard } from '../../components/ListCard';
import { formatShare } from '../../format';
import type { GapsQuery } from '../../gql/graphql';

/** Active goals that get no effort in scope, with the share they are meant to get. */
export function NeglectedGoalsSection({ goals }: { goals: GapsQuery['gaps']['neglectedGoals'] }) {
  return (
    <ListCard
      headingId="neglected-heading"
      title="Neglected goals"
      items={goals}
      itemKey={(g) => g.id}
      empty="Every active goal gets effort in this scope."
    >
      {(g) => (
        <>
          <GoalLink goal={g} /> <span className="muted">target {formatShare(g.targetShare)}</span>
        </>
      )}
    </ListCard>
  );
}
