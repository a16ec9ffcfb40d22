import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '@app/common';
import { Access, CurrentActor } from '@app/identity';
import { AlignmentScopeInput } from '../report/scope.js';
import { GapsService } from './gaps.service.js';
import { GapsType } from './gaps.type.js';

@Resolver(() => GapsType)
export class GapsResolver {
  constructor(@Inject(GapsService) private readonly service: GapsService) {}

  @Access('VIEWER')
  @Query(() => GapsType, {
    description:
      'docs/design.md 2.3: unaligned tickets by reason, unsupported key results, idle initiatives, neglected goals, drift, busy-not-moving key results and source freshness; scope as in alignment',
  })
  gaps(
    @CurrentActor() actor: Actor,
    @Args('scope', { type: () => AlignmentScopeInput, nullable: true }) scope?: AlignmentScopeInput,
  ) {
    return this.service.gaps(actor, scope);
  }
}
