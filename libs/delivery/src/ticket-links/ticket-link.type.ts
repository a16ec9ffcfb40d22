import { Field, Float, ObjectType } from '@nestjs/graphql';
import { VersionField } from '@app/common';
import { TicketLinkSourceEnum, type TicketLinkSource } from '../shared/enums.js';

@ObjectType('TicketLink', { description: 'a ticket serving an initiative, weighted' })
export class TicketLinkType {
  @Field(() => Float, { description: "the ticket's effort splits over its links by weight" })
  weight: number;

  @Field(() => TicketLinkSourceEnum)
  source: TicketLinkSource;

  @VersionField()
  version: number;
}
