import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('InitiativeDependency', {
  description:
    'an initiative blocked by another (docs/design.md 3): it cannot finish before its blocker does',
})
export class InitiativeDependencyType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'what it waits for' })
  note: string | null;

  @Field()
  createdAt: Date;
}
