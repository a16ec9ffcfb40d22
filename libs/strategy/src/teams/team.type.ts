import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Paginated, VersionField } from '@app/common';

@ObjectType('Team', { description: 'who delivers' })
export class TeamType {
  @Field(() => ID)
  id: string;

  @Field()
  key: string;

  @Field()
  name: string;

  @Field(() => Float, { description: 'story points per sprint' })
  capacity: number;

  @Field(() => Date, { nullable: true })
  archivedAt: Date | null;

  @VersionField()
  version: number;
}

export const TeamPage = Paginated(TeamType, 'TeamPage');
