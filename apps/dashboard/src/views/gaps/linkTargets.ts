import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { LinkTarget } from '../LinkForm';

const LinkTargets = graphql(`
  query LinkTargets {
    initiatives(first: 200) {
      nodes {
        id
        key
        title
      }
    }
    keyResults(first: 200) {
      nodes {
        id
        key
        title
      }
    }
  }
`);

/** What an EDITOR's fixes in the gaps offer: the initiatives and key results to link to. */
export interface GapFixes {
  initiatives: LinkTarget[];
  keyResults: LinkTarget[];
  /** read the gaps again after a link */
  onLinked: () => void;
}

/** The fixes for an EDITOR (asked for only then), or null: no edit controls. */
export function useGapFixes(canEdit: boolean, onLinked: () => void): GapFixes | null {
  const [targets] = useQuery({ query: LinkTargets, pause: !canEdit });
  if (!canEdit) return null;
  const label = (n: { id: string; key: string; title: string }) => ({
    id: n.id,
    label: `${n.key} ${n.title}`,
  });
  return {
    initiatives: (targets.data?.initiatives.nodes ?? []).map(label),
    keyResults: (targets.data?.keyResults.nodes ?? []).map(label),
    onLinked,
  };
}
