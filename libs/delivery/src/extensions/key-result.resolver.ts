import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/common';
import type { KeyResult } from '@app/database';
import { KeyResultType } from '@app/strategy';
import { InitiativeLinkLoaders } from '../initiative-links/initiative-link.loaders.js';
import { InitiativeLinkType } from '../initiative-links/initiative-link.type.js';

/** The delivery fields of a strategy KeyResult: the initiatives delivering towards it. */
@Resolver(() => KeyResultType)
export class KeyResultDeliveryResolver {
  constructor(@Inject(InitiativeLinkLoaders) private readonly linkLoaders: InitiativeLinkLoaders) {}

  @ResolveField(() => [InitiativeLinkType])
  initiativeLinks(@Parent() keyResult: KeyResult, @Context() ctx: RequestContext) {
    return this.linkLoaders.toKeyResult(ctx, keyResult.id);
  }
}
