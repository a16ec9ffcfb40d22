import { Field, ID, ObjectType } from '@nestjs/graphql';
import { VersionField } from '@app/common';
import { OrganizationSettings } from './organization-settings.type.js';

@ObjectType()
export class Organization {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'unique; used to choose the organization at logIn' })
  slug: string;

  @Field(() => OrganizationSettings, { description: 'stored values completed with the defaults' })
  settings: OrganizationSettings;

  @VersionField()
  version: number;
}
