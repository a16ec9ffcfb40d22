import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '@app/common';
import { Access, CurrentActor } from '@app/identity';
import { AlignmentScopeInput } from '../report/scope.js';
import { AlignmentTreeType } from './alignment-tree.type.js';
import { AlignmentTreeService } from './alignment-tree.service.js';

@Resolver()
export class AlignmentTreeResolver {
  constructor(@Inject(AlignmentTreeService) private readonly trees: AlignmentTreeService) {}

  @Access('VIEWER')
  @Query(() => AlignmentTreeType, {
    description: 'the tree sized by current effort in scope (one route per path)',
  })
  alignmentTree(
    @CurrentActor() actor: Actor,
    @Args('scope', { type: () => AlignmentScopeInput, nullable: true }) scope?: AlignmentScopeInput,
  ) {
    return this.trees.tree(actor, scope);
  }
}
