import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Problem')
export class ProblemType {
  @Field({ description: 'where, e.g. objectives[3].alignsTo[0].goal, or a line of a file' })
  path: string;

  @Field()
  message: string;
}

@ObjectType('PlanImportResult', { description: 'nothing is written when problems is not empty' })
export class PlanImportResultType {
  @Field({ description: 'false for a dry run or when there are problems' })
  applied: boolean;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => [ProblemType])
  problems: ProblemType[];
}
