import { Inject, Injectable } from '@nestjs/common';
import { Tenant, type Actor } from '@app/common';
import { alignmentReport, alignmentTree, initiativeInflow, type NodeKind } from '@app/domain';
import { labelKey } from '../report/alignment-graph.loader.js';
import { AlignmentService } from '../report/alignment.service.js';
import { effortGroups } from '../report/effort-groups.query.js';
import { scopeKey, type AlignmentScopeInput } from '../report/scope.js';
import type { AlignmentTreeNodeKind, AlignmentTreeType } from './alignment-tree.type.js';

const KIND: Record<NodeKind, AlignmentTreeNodeKind> = {
  goal: 'GOAL',
  objective: 'OBJECTIVE',
  keyResult: 'KEY_RESULT',
  initiative: 'INITIATIVE',
};

/** alignmentTree(scope): the report's effort along every route, for the dashboard's sunburst. */
@Injectable()
export class AlignmentTreeService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(AlignmentService) private readonly alignment: AlignmentService,
  ) {}

  tree(actor: Actor, scope: AlignmentScopeInput | null | undefined): Promise<AlignmentTreeType> {
    return this.tenant.sharedSnapshot(actor, `tree:${scopeKey(scope)}`, async (em) => {
      const context = await this.alignment.context(em, actor, scope);
      const { graph } = context.loaded;
      const { groups } = await effortGroups(em, context.scope, context.settings.unestimatedPoints);
      const report = alignmentReport(graph, groups, context.settings.horizonTargetMix);
      const label = (kind: NodeKind, id: string) => context.loaded.labels.get(labelKey(kind, id));
      const routes = alignmentTree(graph, initiativeInflow(groups)).map((n) => ({
        id: n.path,
        parentId: n.parentPath,
        kind: KIND[n.node.kind],
        nodeId: n.node.id,
        key: label(n.node.kind, n.node.id)?.key ?? '',
        title: label(n.node.kind, n.node.id)?.title ?? '',
        reason: null,
        effort: n.effort,
      }));
      const buckets = report.unaligned.map((b) => ({
        id: `unaligned:${b.reason}`,
        parentId: null,
        kind: 'UNALIGNED' as const,
        nodeId: null,
        key: '',
        title: b.reason,
        reason: b.reason,
        effort: b.effort,
      }));
      return {
        totalEffort: report.totalEffort,
        nodes: [...routes.sort((a, b) => a.id.localeCompare(b.id)), ...buckets],
      };
    });
  }
}
