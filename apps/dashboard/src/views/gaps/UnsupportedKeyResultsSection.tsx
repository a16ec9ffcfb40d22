import { KeyTitle } from '../../components/KeyTitle';
import { ListCard } from '../../components/ListCard';
import { formatShare } from '../../format';
import type { GapsQuery } from '../../gql/graphql';
import { LinkForm } from '../LinkForm';
import type { GapFixes } from './linkTargets';

/** Key results of the active cycle that no initiative supports; an EDITOR links one here. */
export function UnsupportedKeyResultsSection({
  keyResults,
  fixes,
}: {
  keyResults: GapsQuery['gaps']['unsupportedKeyResults'];
  fixes: GapFixes | null;
}) {
  return (
    <ListCard
      headingId="unsupported-heading"
      title="Key results no initiative supports"
      items={keyResults}
      itemKey={(kr) => kr.id}
      empty="Every key result of the active cycle is supported."
    >
      {(kr) => (
        <>
          <div>
            <KeyTitle item={kr} />{' '}
            <span className="muted">
              {kr.objective.key} {kr.objective.title} · progress {formatShare(kr.progress)}
            </span>
          </div>
          {fixes && (
            <LinkForm
              kind="keyResult"
              subjectId={kr.id}
              subjectLabel={kr.key}
              targetLabel="Initiative"
              targets={fixes.initiatives}
              onLinked={fixes.onLinked}
            />
          )}
        </>
      )}
    </ListCard>
  );
}
