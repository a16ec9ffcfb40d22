import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { VersionField } from '@app/common';

@ObjectType('InitiativeLink', {
  description: 'an initiative delivering towards a key result, or an objective directly, weighted',
})
export class InitiativeLinkType {
  @Field(() => ID)
  id: string;

  @Field(() => Float, { description: "the initiative's effort splits over its links by weight" })
  weight: number;

  @VersionField()
  version: number;
}
