import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { UnalignedReason } from '@app/domain';
import { UnalignedReasonEnum } from '../report/alignment-report.type.js';

export const AlignmentTreeNodeKindEnum = {
  GOAL: 'GOAL',
  OBJECTIVE: 'OBJECTIVE',
  KEY_RESULT: 'KEY_RESULT',
  INITIATIVE: 'INITIATIVE',
  UNALIGNED: 'UNALIGNED',
} as const;
export type AlignmentTreeNodeKind = keyof typeof AlignmentTreeNodeKindEnum;
registerEnumType(AlignmentTreeNodeKindEnum, { name: 'AlignmentTreeNodeKind' });

@ObjectType('AlignmentTreeNode', {
  description: 'one route of effort: its path from a goal down, or an unaligned bucket',
})
export class AlignmentTreeNodeType {
  @Field(() => ID, { description: "the node's path from its goal down (unique in the tree)" })
  id: string;

  @Field(() => ID, {
    nullable: true,
    description: 'null for goals and unaligned buckets: the children of the vision',
  })
  parentId: string | null;

  @Field(() => AlignmentTreeNodeKindEnum)
  kind: AlignmentTreeNodeKind;

  @Field(() => ID, { nullable: true, description: "the entity's id (null for UNALIGNED)" })
  nodeId: string | null;

  @Field()
  key: string;

  @Field()
  title: string;

  @Field(() => UnalignedReasonEnum, { nullable: true })
  reason: UnalignedReason | null;

  @Field(() => Float, {
    description: "effort along this route; a node's children sum exactly to it",
  })
  effort: number;
}

@ObjectType('AlignmentTree', {
  description:
    'vision -> goals -> objectives -> key results -> initiatives, sized by current effort; a node reached by several routes appears once per route',
})
export class AlignmentTreeType {
  @Field(() => Float, { description: 'the vision: goals and unaligned buckets sum to it' })
  totalEffort: number;

  @Field(() => [AlignmentTreeNodeType])
  nodes: AlignmentTreeNodeType[];
}
