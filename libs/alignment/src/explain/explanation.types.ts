import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { NodeKind, UnalignedReason } from '@app/domain';
import { TicketType } from '@app/delivery';
import type { Ticket } from '@app/database';
import { StrategicGoalType } from '@app/strategy';
import { UnalignedReasonEnum } from '../report/alignment-report.type.js';

export const NodeKindEnum = {
  goal: 'goal',
  objective: 'objective',
  keyResult: 'keyResult',
  initiative: 'initiative',
} as const;
registerEnumType(NodeKindEnum, { name: 'AlignmentNodeKind' });

@ObjectType('AlignmentNode', {
  description: 'a node of the tree on the way from a ticket to a goal',
})
export class AlignmentNodeType {
  @Field(() => NodeKindEnum)
  kind: NodeKind;

  @Field(() => ID)
  id: string;

  @Field()
  key: string;

  @Field()
  title: string;
}

@ObjectType('AlignmentPath')
export class AlignmentPathType {
  @Field(() => [AlignmentNodeType], {
    description: 'from the first initiative upward; empty without an initiative',
  })
  nodes: AlignmentNodeType[];

  @Field(() => Float, {
    description: "the fraction of the ticket's effort carried along this path",
  })
  fraction: number;

  @Field(() => StrategicGoalType, { nullable: true, description: 'the goal the path reaches' })
  goal: unknown;

  @Field(() => UnalignedReasonEnum, {
    nullable: true,
    description: 'why the path stops short of a goal',
  })
  reason: UnalignedReason | null;
}

@ObjectType('TicketExplanation')
export class TicketExplanationType {
  @Field(() => TicketType)
  ticket: Ticket;

  @Field({ description: 'false for sub-tasks (the parent counts) and cancelled tickets' })
  counted: boolean;

  @Field(() => [AlignmentPathType], {
    description: 'every path, largest fraction first; fractions sum to 1',
  })
  paths: AlignmentPathType[];
}

@ObjectType('Contribution')
export class ContributionType {
  @Field(() => AlignmentNodeType)
  node: AlignmentNodeType;

  @Field(() => Float, { description: 'effort that passed through the node and ended at the goal' })
  effort: number;

  @Field(() => Float, { description: "that effort as a fraction of the goal's effort" })
  share: number;
}

@ObjectType('TicketContribution')
export class TicketContributionType {
  @Field(() => TicketType)
  ticket: Ticket;

  @Field(() => Float)
  effort: number;
}

@ObjectType('GoalExplanation')
export class GoalExplanationType {
  @Field(() => StrategicGoalType)
  goal: unknown;

  @Field(() => Float)
  effort: number;

  @Field(() => Float)
  share: number;

  @Field(() => [ContributionType], { description: 'largest first' })
  objectives: ContributionType[];

  @Field(() => [ContributionType])
  keyResults: ContributionType[];

  @Field(() => [ContributionType])
  initiatives: ContributionType[];

  @Field(() => [TicketContributionType], {
    description: 'the largest contributions first (first N)',
  })
  tickets: TicketContributionType[];

  @Field(() => Int, { description: 'all tickets in scope with effort reaching the goal' })
  ticketCount: number;
}
