import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Paginated, VersionField } from '@app/common';
import type { ObjectiveStatus } from '@app/database';
import { ObjectiveStatusEnum } from '../shared/enums.js';

@ObjectType('Objective', {
  description: 'a qualitative outcome for one cycle, company-level or owned by a team',
})
export class ObjectiveType {
  @Field(() => ID)
  id: string;

  @Field()
  key: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => ObjectiveStatusEnum)
  status: ObjectiveStatus;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @VersionField()
  version: number;
}

export const ObjectivePage = Paginated(ObjectiveType, 'ObjectivePage');
