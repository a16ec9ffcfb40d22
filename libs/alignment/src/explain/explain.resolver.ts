import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, ID, Int, Query, Resolver } from '@nestjs/graphql';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import type { Actor } from '@app/common';
import { Access, CurrentActor } from '@app/identity';
import { AlignmentScopeInput } from '../report/scope.js';
import { GoalExplanationType, TicketExplanationType } from './explanation.types.js';
import { ExplainService } from './explain.service.js';

@ArgsType()
class ExplainTicketArgs {
  @Field({ description: 'the ticket key, e.g. PAY-123' })
  @IsString()
  @MaxLength(100)
  key: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'the live source whose ticket it is (tickets are unique per source; a key several sources hold needs it)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  sourceId?: string;
}

@ArgsType()
class ExplainGoalArgs {
  @Field()
  @IsString()
  @MaxLength(64)
  key: string;

  @Field(() => AlignmentScopeInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AlignmentScopeInput)
  scope?: AlignmentScopeInput;

  @Field(() => Int, { defaultValue: 50, description: 'how many tickets to list (1..200)' })
  @IsInt()
  @Min(1)
  @Max(200)
  first: number = 50;
}

@Resolver()
export class ExplainResolver {
  constructor(@Inject(ExplainService) private readonly explain: ExplainService) {}

  @Access('VIEWER')
  @Query(() => TicketExplanationType, {
    description: "a ticket's paths to goals, with the fraction along each",
  })
  explainTicket(@CurrentActor() actor: Actor, @Args() args: ExplainTicketArgs) {
    return this.explain.explainTicket(actor, args.key, args.sourceId);
  }

  @Access('VIEWER')
  @Query(() => GoalExplanationType, { description: "where a goal's effort in scope came from" })
  explainGoal(@CurrentActor() actor: Actor, @Args() args: ExplainGoalArgs) {
    return this.explain.explainGoal(actor, args.key, args.scope, args.first);
  }
}
