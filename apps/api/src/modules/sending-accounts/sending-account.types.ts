import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "One of the company's sending accounts as the dispatchers see it: its cap, and whether it is parked because its server cannot be reached." })
export class SendingAccount {
  @Field(() => ID, { description: 'The account key (a hash of server, port and mailbox).' }) accountKey!: string;
  @Field({ description: 'Mailbox and server, e.g. "myynti@yritys.fi @ smtp.yritys.fi:587".' }) label!: string;
  @Field(() => Int, { description: 'Messages it sends at once, across all workers.' }) maxConnections!: number;
  @Field(() => Int, { description: 'Connection failures in a row (no greeting, refused, timed out).' }) connectionFailures!: number;
  @Field({ description: 'Parked: its messages wait aside (waitReason ACCOUNT_UNREACHABLE) until parkedUntil, then one message probes it.' }) parked!: boolean;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) parkedUntil!: Date | null;
  @Field(() => String, { nullable: true, description: 'The error code that parked it, e.g. NO_GREETING.' }) parkReason!: string | null;
  @Field(() => String, { nullable: true, description: "Why, in the caller's language." }) parkMessage!: string | null;
}
