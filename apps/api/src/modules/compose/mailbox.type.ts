import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A name and an address.' })
export class MailboxType {
  @Field() name!: string;
  @Field() address!: string;
  @Field({ description: 'As shown and sent: "Name" <address>.' }) formatted!: string;
}
