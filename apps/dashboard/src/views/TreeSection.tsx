import { lazy, Suspense } from 'react';
import { useQuery } from 'urql';
import { Card } from '../components/Card';
import { GoalLink } from '../components/links';
import { Loading, QueryState } from '../components/ViewState';
import { effortUnit, formatNumber, reasonLabel } from '../format';
import { graphql } from '../gql';
import { useRefetchOn } from '../graphql/useLiveAlignment';
import type { AlignmentScopeInput, Measure } from '../gql/graphql';
import { buildEffortTree, type EffortTreeNode } from './effortTree';

const AlignmentSunburst = lazy(() => import('../charts/AlignmentSunburst'));

const AlignmentTreeQuery = graphql(`
  query AlignmentTree($scope: AlignmentScopeInput) {
    vision {
      statement
    }
    alignmentTree(scope: $scope) {
      totalEffort
      nodes {
        id
        parentId
        kind
        key
        title
        reason
        effort
      }
    }
  }
`);

/**
 * The whole tree, vision outward, sized by current effort: the API's alignmentTree, one request. A
 * node reached by several routes is there once per route, with the effort along that route.
 */
export function TreeSection({
  measure,
  scope,
  onSelectGoal,
  revision = 0,
}: {
  measure: Measure;
  scope: AlignmentScopeInput;
  onSelectGoal: (key: string) => void;
  /** the page's live revision: each new one reads the tree again */
  revision?: number;
}) {
  const [result, refetch] = useQuery({ query: AlignmentTreeQuery, variables: { scope } });
  useRefetchOn(revision, refetch);

  return (
    <Card headingId="tree-heading" title="The tree, sized by current effort">
      <p className="muted">
        Vision in the centre, then goals, objectives, key results and initiatives. Click a goal to
        see where its effort comes from; click any other ring to zoom in, the centre to zoom out. A
        node that reaches a goal by several routes appears once on each route, sized by the effort
        flowing along it.
      </p>
      <QueryState
        result={result}
        retry={() => refetch({ requestPolicy: 'network-only' })}
        what="the tree"
      >
        {({ vision, alignmentTree }) => {
          const tree = buildEffortTree({
            vision: vision.statement,
            totalEffort: alignmentTree.totalEffort,
            nodes: alignmentTree.nodes,
            unalignedTitle: (reason) => `Unaligned: ${reasonLabel(reason)}`,
          });
          return (
            <>
              <Suspense fallback={<Loading label="Loading chart" />}>
                <AlignmentSunburst
                  tree={tree}
                  unit={effortUnit(measure)}
                  onSelectGoal={onSelectGoal}
                />
              </Suspense>
              <details>
                <summary>The tree as a list</summary>
                <TreeList nodes={tree.children} measure={measure} />
              </details>
            </>
          );
        }}
      </QueryState>
    </Card>
  );
}

function TreeList({ nodes, measure }: { nodes: EffortTreeNode[]; measure: Measure }) {
  if (!nodes.length) return null;
  return (
    <ul className="tree-list">
      {nodes.map((n) => (
        <li key={n.id}>
          {n.kind === 'goal' ? (
            <GoalLink goal={n}>
              {n.key} {n.title}
            </GoalLink>
          ) : (
            <span>
              {n.key} {n.title}
            </span>
          )}{' '}
          <span className="muted">
            {formatNumber(n.effort)} {effortUnit(measure)}
          </span>
          <TreeList nodes={n.children} measure={measure} />
        </li>
      ))}
    </ul>
  );
}
