import { Inject } from '@nestjs/common';
import {
  Args,
  ArgsType,
  Field,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { MaxLength, MinLength } from 'class-validator';
import { ExpectedVersion, type Actor } from '@app/common';
import type { Organization as OrganizationRow } from '@app/database';
import { resolveSettings } from '@app/domain';
import { Access } from '../access/access.decorator.js';
import { CurrentActor } from '../access/current-actor.decorator.js';
import { OrganizationSettings, OrganizationSettingsInput } from './organization-settings.type.js';
import { Organization } from './organization.type.js';
import { OrganizationService } from './organization.service.js';
import { settingsToGraphql } from './settings.mapper.js';

@ArgsType()
class RenameArgs {
  @Field()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @ExpectedVersion()
  expectedVersion?: number | null;
}

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(@Inject(OrganizationService) private readonly organizations: OrganizationService) {}

  @Access('VIEWER')
  @Query(() => Organization, { description: 'the organization of the token' })
  organization(@CurrentActor() actor: Actor) {
    return this.organizations.get(actor);
  }

  @Access('ADMIN')
  @Mutation(() => Organization)
  renameOrganization(@CurrentActor() actor: Actor, @Args() args: RenameArgs) {
    return this.organizations.rename(actor, args.name, args.expectedVersion);
  }

  @Access('ADMIN')
  @Mutation(() => Organization, {
    description: 'mappings, unestimated points, target mix, thresholds',
  })
  updateOrganizationSettings(
    @CurrentActor() actor: Actor,
    @Args('input') input: OrganizationSettingsInput,
  ) {
    return this.organizations.updateSettings(actor, input);
  }

  @ResolveField(() => OrganizationSettings)
  settings(@Parent() org: OrganizationRow): OrganizationSettings {
    return settingsToGraphql(resolveSettings(org.settings));
  }
}
