import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

@ObjectType({ description: 'What a delivery status notification said about one recipient after the server had accepted the message.' })
export class BounceInfo {
  @Field() address!: string;
  @Field({ description: 'BOUNCED (permanent: the recipient will not get it) or DELAYED (still being tried by a server on the way).' }) action!: string;
  @Field(() => String, { nullable: true, description: 'Enhanced status code, e.g. 5.1.1.' }) status!: string | null;
  @Field(() => String, { nullable: true, description: "The remote server's reply." }) reply!: string | null;
  @Field(() => String, { nullable: true }) remoteMta!: string | null;
  @Field({ description: "In words, in the caller's language." }) message!: string;
  @Field(() => GraphQLDateTimeISO) reportedAt!: Date;
}

@ObjectType({ description: 'An address that bounced permanently: sending to it is refused until an admin clears it.' })
export class SuppressedAddress {
  @Field() address!: string;
  @Field(() => String, { nullable: true }) status!: string | null;
  @Field(() => String, { nullable: true, description: "The remote server's reply that put it here." }) reply!: string | null;
  @Field({ description: 'The message whose bounce put it here.' }) messageId!: string;
  @Field(() => GraphQLDateTimeISO) createdAt!: Date;
}

@ObjectType({ description: "The company's bounce rate over a period." })
export class BounceRateType {
  @Field(() => Int) days!: number;
  @Field(() => Int, { description: 'Messages sent in the period.' }) sent!: number;
  @Field(() => Int, { description: 'Of those, messages with a permanently bounced recipient.' }) bounced!: number;
  @Field(() => Int, { description: 'Recipients reported delayed.' }) delayed!: number;
  @Field(() => Float, { description: 'bounced / sent (0–1).' }) rate!: number;
}
