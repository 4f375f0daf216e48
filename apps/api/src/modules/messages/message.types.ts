import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DefaultRecipientsChoice, SignatureChoice } from '@maestro/mail-core';
import type { Channel, Language, MessageSource } from '@maestro/settings-schema';
import { ChannelEnum, DefaultRecipientsChoiceEnum, LanguageEnum, MessageSourceEnum, SignatureChoiceEnum, enumOf } from '../../graphql/enums';
import { AttachmentType } from '../attachments/attachment.type';
import { MailboxType } from '../compose/mailbox.type';
import { PUBLISHED_STATUSES, RECIPIENT_OUTCOMES, type MessageStatus, type RecipientOutcome } from './lifecycle/message-states';
import type { RecipientKind } from './recipients/message-recipient.entity';

export const MessageStatusEnum = enumOf(PUBLISHED_STATUSES);
registerEnumType(MessageStatusEnum, {
  name: 'MessageStatus',
  description:
    "QUEUED → SENDING → SENT; PARTIALLY_SENT while some recipients got it and others wait for a follow-up; RETRYING after a transient failure; FAILED; CANCELLED; HANDED_OFF to the user's own mail program. Expect more values.",
});

export const RecipientOutcomeEnum = enumOf(RECIPIENT_OUTCOMES);
registerEnumType(RecipientOutcomeEnum, {
  name: 'RecipientOutcome',
  description:
    'PENDING: not tried yet. ACCEPTED: the server took it. DEFERRED: refused for now, tried again in a follow-up. REFUSED: refused for good. BOUNCED / DELAYED: what a delivery report said later. Expect more values.',
});

export const RecipientKindEnum = enumOf(['TO', 'CC', 'BCC'] as const satisfies readonly RecipientKind[]);
registerEnumType(RecipientKindEnum, { name: 'RecipientKind' });

@ObjectType({ description: 'One recipient of a message and what became of it.' })
export class MessageRecipient {
  @Field() address!: string;
  @Field(() => RecipientKindEnum) kind!: RecipientKind;
  @Field(() => RecipientOutcomeEnum) outcome!: RecipientOutcome;
  @Field(() => String, { nullable: true, description: "The server's last reply about this recipient." }) reply!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was not accepted: an error code (RECIPIENT_DEFERRED, TOO_MANY_RECIPIENTS, ...).' }) code!: string | null;
  @Field(() => String, { nullable: true, description: "The reason in the caller's language." }) message!: string | null;
  @Field(() => Int, { description: 'SMTP transactions it was part of.' }) attempts!: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) updatedAt!: Date | null;
}

@ObjectType({ description: 'Why the last attempt failed, in the caller\'s language.' })
export class MessageError {
  @Field() code!: string;
  @Field() message!: string;
  @Field({ description: 'True: sending again with the same settings cannot help.' }) permanent!: boolean;
}

@ObjectType({ description: 'A recipient the server refused while it accepted the message for the others.' })
export class RecipientError {
  @Field() address!: string;
  @Field() code!: string;
  @Field() message!: string;
}

@ObjectType({ description: "SMTP sending is off: the message goes through the user's own mail program." })
export class HandOff {
  @Field({ description: 'An .eml draft (X-Unsent: 1) that Outlook opens as an unsent message; GET with the Authorization header.' })
  emlUrl!: string;
  @Field(() => String, { nullable: true, description: 'A mailto: link, when the message has no attachments.' }) mailtoUrl!: string | null;
}

@ObjectType({ description: 'A message in the outbox and the sent archive.' })
export class OutboundMessage {
  @Field(() => ID) id!: string;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => MessageSourceEnum) source!: MessageSource;
  @Field(() => String, { nullable: true }) documentRef!: string | null;
  @Field(() => MessageStatusEnum) status!: MessageStatus;
  @Field(() => MailboxType) from!: MailboxType;
  @Field(() => [String], { description: 'E-mail: formatted addresses. SMS: the number in E.164.' }) to!: string[];
  @Field(() => [String]) cc!: string[];
  @Field(() => [String]) bcc!: string[];
  @Field() subject!: string;
  @Field() body!: string;
  @Field(() => LanguageEnum) language!: Language;
  @Field(() => [AttachmentType]) attachments!: AttachmentType[];
  @Field(() => Int) attempts!: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it is tried next (QUEUED, RETRYING, PARTIALLY_SENT).' }) nextAttemptAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it waits without an error, e.g. SCHEDULED or QUOTA_MESSAGES_PER_MINUTE.' }) waitReason!: string | null;
  @Field(() => String, { nullable: true, description: 'The wait reason in words (odottaa lähetyskiintiötä, ...).' }) waitMessage!: string | null;
  @Field(() => MessageError, { nullable: true }) lastError!: MessageError | null;
  @Field(() => [RecipientError], { description: 'The recipients not accepted, with why; see also recipients.' }) recipientErrors!: RecipientError[];
  @Field(() => [MessageRecipient], { description: 'Every recipient (To, Cc, Bcc; an SMS its number) with its outcome and the server\'s reply.' })
  recipients!: MessageRecipient[];
  @Field(() => String, { nullable: true, description: "The server's reply." }) smtpResponse!: string | null;
  @Field({ description: 'The Message-ID header; a retry re-sends the same.' }) messageId!: string;
  @Field(() => String, {
    nullable: true,
    description: "Set when the account's recipients-per-message limit split the request; list the parts with messages(filter: { splitGroupId }).",
  })
  splitGroupId!: string | null;
  @Field(() => GraphQLDateTimeISO) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) sentAt!: Date | null;
  @Field({ description: 'Who sent it: a username or a service key.' }) sentBy!: string;
  @Field(() => HandOff, { nullable: true }) handOff!: HandOff | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType()
export class MessageConnection {
  @Field(() => [OutboundMessage]) nodes!: OutboundMessage[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType()
export class MessageFilter {
  @Field(() => [MessageStatusEnum], { nullable: true }) status?: MessageStatus[] | null;
  @Field(() => ChannelEnum, { nullable: true }) channel?: Channel | null;
  @Field(() => MessageSourceEnum, { nullable: true }) source?: MessageSource | null;
  @Field(() => String, { nullable: true }) documentRef?: string | null;
  @Field(() => String, { nullable: true, description: 'The parts of one request split by the account\'s recipients-per-message limit.' }) splitGroupId?: string | null;
  @Field(() => String, { nullable: true, description: 'Free text: subject, recipients, document, body.' }) text?: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) createdFrom?: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) createdTo?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'With status: also the messages a recipient of which bounced permanently after sending (Epäonnistuneet includes bounces); alone: only those.' })
  orBounced?: boolean | null;
}

@InputType({ description: 'Lähetä viesti. There is no `from`: the server resolves the sender.' })
export class SendMessageInput {
  @Field(() => MessageSourceEnum) source!: MessageSource;
  @Field(() => String, { nullable: true }) documentRef?: string | null;
  @Field(() => [String], { description: 'Each element may hold several addresses separated by ; or ,.' }) to!: string[];
  @Field(() => [String], { nullable: true }) cc?: string[] | null;
  @Field(() => [String], { nullable: true }) bcc?: string[] | null;
  @Field() subject!: string;
  @Field() body!: string;
  @Field(() => [ID], { nullable: true, description: 'Ids from POST /attachments.' }) attachmentIds?: string[] | null;
  @Field(() => LanguageEnum, { nullable: true }) language?: Language | null;
  @Field(() => String, { nullable: true, description: 'The same key within the company returns the first message and sends nothing new.' })
  idempotencyKey?: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Send at this time instead of now.' }) sendAt?: Date | null;
  @Field(() => ID, { nullable: true, description: 'Service keys only: the user the message is sent for.' }) onBehalfOfUserId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Answer once the message is SENT or FAILED (at most about 10 s).' }) wait?: boolean | null;
  @Field(() => DefaultRecipientsChoiceEnum, {
    nullable: true,
    description: 'INCLUDE (default): the server adds the default recipients. EXCLUDE: a person saw them and the list given is final (the compose dialog).',
  })
  defaultRecipients?: DefaultRecipientsChoice | null;
  @Field(() => SignatureChoiceEnum, {
    nullable: true,
    description: "AUTO (default): the server appends the sender user's signature. NONE: the body already holds it (the compose dialog).",
  })
  signature?: SignatureChoice | null;
}

@InputType({ description: 'Tekstiviesti: one message per number, through the SMS settings to the gateway.' })
export class SendSmsInput {
  @Field(() => MessageSourceEnum) source!: MessageSource;
  @Field(() => String, { nullable: true }) documentRef?: string | null;
  @Field(() => [String], { description: 'Phone numbers, Finnish or international; each element may hold several.' }) to!: string[];
  @Field() text!: string;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
  @Field(() => ID, { nullable: true }) onBehalfOfUserId?: string | null;
}
