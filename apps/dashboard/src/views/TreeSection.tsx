import { lazy, Suspense, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useClient, useQuery } from 'urql';
import { ErrorState, Loading } from '../components/ViewState';
import { useFilters } from '../filters/scope';
import { effortUnit, formatNumber, reasonLabel } from '../format';
import { graphql } from '../gql';
import type { AlignmentScopeInput, Measure, OverviewQuery } from '../gql/graphql';
import { buildEffortTree, type EffortTreeNode, type GoalExplanationLike } from './effortTree';

const AlignmentSunburst = lazy(() => import('../charts/AlignmentSunburst'));

const TreeStructureQuery = graphql(`
  query TreeStructure {
    vision {
      statement
    }
    objectives(first: 200) {
      nodes {
        id
        alignsTo {
          goal {
            id
          }
          parentObjective {
            id
          }
          keyResult {
            id
          }
        }
      }
    }
    keyResults(first: 200) {
      nodes {
        id
        objective {
          id
        }
      }
    }
    initiatives(first: 200) {
      nodes {
        id
        supports {
          keyResult {
            id
          }
          objective {
            id
          }
        }
      }
    }
  }
`);

const GoalContributions = graphql(`
  query GoalContributions($key: String!, $scope: AlignmentScopeInput) {
    explainGoal(key: $key, scope: $scope, first: 1) {
      objectives {
        effort
        node {
          id
          key
          title
          kind
        }
      }
      keyResults {
        effort
        node {
          id
          key
          title
          kind
        }
      }
      initiatives {
        effort
        node {
          id
          key
          title
          kind
        }
      }
    }
  }
`);

type Alignment = OverviewQuery['alignment'];

/** The whole tree, vision outward, sized by current effort (explainGoal for each goal with effort). */
export function TreeSection({
  alignment,
  measure,
  scope,
  onSelectGoal,
}: {
  alignment: Alignment;
  measure: Measure;
  scope: AlignmentScopeInput;
  onSelectGoal: (key: string) => void;
}) {
  const client = useClient();
  const [structure, refetchStructure] = useQuery({ query: TreeStructureQuery });
  const [attempt, setAttempt] = useState(0);
  const keys = alignment.goals.filter((g) => g.effort > 0).map((g) => g.goal.key);
  const scopeKey = JSON.stringify(scope);
  const requestKey = `${keys.join(',')}|${scopeKey}|${attempt}`;
  // the answer of the latest request; an older one (filters changed meanwhile) is not shown
  const [loaded, setLoaded] = useState<{
    key: string;
    explanations?: Map<string, GoalExplanationLike>;
    error?: Error;
  } | null>(null);

  useEffect(() => {
    let cancelled = false;
    const [goalKeys, scopeJson] = requestKey.split('|');
    Promise.all(
      goalKeys
        .split(',')
        .filter(Boolean)
        .map(async (key) => {
          const res = await client
            .query(GoalContributions, { key, scope: JSON.parse(scopeJson) as AlignmentScopeInput })
            .toPromise();
          if (res.error) throw res.error;
          if (!res.data) throw new Error(`no explanation for goal ${key}`);
          return [key, res.data.explainGoal] as const;
        }),
    ).then(
      (entries) => !cancelled && setLoaded({ key: requestKey, explanations: new Map(entries) }),
      (e: unknown) =>
        !cancelled &&
        setLoaded({ key: requestKey, error: e instanceof Error ? e : new Error(String(e)) }),
    );
    return () => {
      cancelled = true;
    };
  }, [client, requestKey]);

  const current = loaded?.key === requestKey ? loaded : null;
  const explanations = current?.explanations ?? null;
  const error = current?.error ?? null;
  const retry = () => {
    refetchStructure({ requestPolicy: 'network-only' });
    setAttempt((n) => n + 1);
  };

  let body;
  if (structure.error || error)
    body = <ErrorState error={(structure.error ?? error) as Error} retry={retry} what="the tree" />;
  else if (!structure.data || !explanations) body = <Loading label="Loading the tree" />;
  else {
    const tree = buildEffortTree({
      vision: structure.data.vision.statement,
      totalEffort: alignment.totalEffort,
      goals: alignment.goals,
      unaligned: alignment.unaligned.map((u) => ({
        reason: u.reason,
        label: `Unaligned: ${reasonLabel(u.reason)}`,
        effort: u.effort,
      })),
      structure: {
        objectives: structure.data.objectives.nodes,
        keyResults: structure.data.keyResults.nodes,
        initiatives: structure.data.initiatives.nodes,
      },
      explanations,
    });
    body = (
      <>
        <Suspense fallback={<Loading label="Loading chart" />}>
          <AlignmentSunburst tree={tree} unit={effortUnit(measure)} onSelectGoal={onSelectGoal} />
        </Suspense>
        <details>
          <summary>The tree as a list</summary>
          <TreeList nodes={tree.children} measure={measure} />
        </details>
      </>
    );
  }

  return (
    <section className="card" aria-labelledby="tree-heading">
      <h2 id="tree-heading">The tree, sized by current effort</h2>
      <p className="muted">
        Vision in the centre, then goals, objectives, key results and initiatives. Click a goal to
        see where its effort comes from; click any other ring to zoom in, the centre to zoom out. A
        node that reaches a goal by several routes appears in the goal's drill-down, not in the
        rings.
      </p>
      {body}
    </section>
  );
}

function TreeList({ nodes, measure }: { nodes: EffortTreeNode[]; measure: Measure }) {
  const { query } = useFilters();
  if (!nodes.length) return null;
  return (
    <ul className="tree-list">
      {nodes.map((n) => (
        <li key={n.id}>
          {n.kind === 'goal' ? (
            <Link to={`/goals/${encodeURIComponent(n.key)}${query}`}>
              {n.key} {n.title}
            </Link>
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
