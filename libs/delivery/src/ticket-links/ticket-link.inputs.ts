import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsNumber, IsPositive, IsUUID } from 'class-validator';

@InputType()
export class LinkTicketInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  ticketId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  initiativeId: string;

  @Field(() => Float, { defaultValue: 1, description: '> 0' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @IsPositive({ message: 'must be greater than 0' })
  weight: number = 1;
}

@ArgsType()
export class UnlinkTicketArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  ticketId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  initiativeId: string;
}
