import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { enumOf } from '../../graphql/enums';
import { SENT_COPY_STATUSES, type SentCopyStatus } from './sent-copy.entity';

export const SentCopyStatusEnum = enumOf(SENT_COPY_STATUSES);
registerEnumType(SentCopyStatusEnum, {
  name: 'SentCopyStatus',
  description: 'The copy in the sender\'s Sent folder: PENDING (to be filed, or retried at nextAttemptAt), DONE (kopioitu Lähetetyt-kansioon), FAILED (given up, with the reason).',
});

@ObjectType({ description: "The copy of a sent message in the sender's own Sent folder (IMAP APPEND), a step of its own after sending." })
export class SentCopyInfo {
  @Field(() => SentCopyStatusEnum) status!: SentCopyStatus;
  @Field({ description: '"Kopioitu Lähetetyt-kansioon", or why not (yet), in the caller\'s language.' }) message!: string;
  @Field(() => String, { nullable: true, description: 'The folder it was filed in.' }) folder!: string | null;
  @Field(() => Int) attempts!: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When a PENDING copy is tried (again).' }) nextAttemptAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The last failure\'s code (mail-core IMAP codes: AUTH_FAILED, MAILBOX_FULL, ...).' }) code!: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) doneAt!: Date | null;
}
