import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '@app/common';
import { Access, CurrentActor } from '@app/identity';
import { UpdateVisionInput, Vision } from './vision.type.js';
import { VisionService } from './vision.service.js';

@Resolver(() => Vision)
export class VisionResolver {
  constructor(@Inject(VisionService) private readonly visions: VisionService) {}

  @Access('VIEWER')
  @Query(() => Vision)
  vision(@CurrentActor() actor: Actor) {
    return this.visions.get(actor);
  }

  @Access('EDITOR')
  @Mutation(() => Vision)
  updateVision(@CurrentActor() actor: Actor, @Args('input') input: UpdateVisionInput) {
    return this.visions.update(actor, input);
  }
}
