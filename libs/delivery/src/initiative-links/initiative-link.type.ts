import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('InitiativeLink', {
  description: 'an initiative delivering towards a key result, or an objective directly, weighted',
})
export class InitiativeLinkType {
  @Field(() => ID)
  id: string;

  @Field(() => Float, { description: "the initiative's effort splits over its links by weight" })
  weight: number;
}
