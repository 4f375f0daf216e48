import { GraphQLDateTimeISO, GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { Language, MessageSource, SendMode } from '@maestro/settings-schema';
import { LanguageEnum, MessageSourceEnum, SendModeEnum, enumOf } from '../../../graphql/enums';
import { AttachmentType } from '../../attachments/attachment.type';
import { MailboxType } from '../../compose/mailbox.type';
import { OutboundMessage } from '../message.types';
import type { DraftHold } from './message-drafts.service';

export const StartSendOutcomeEnum = enumOf(['QUEUED', 'DRAFT'] as const);
registerEnumType(StartSendOutcomeEnum, {
  name: 'StartSendOutcome',
  description: 'QUEUED: the program sends at once (Lähetä heti) and the message is in the outbox. DRAFT: it waits for its user at `url`.',
});

export const DraftHoldEnum = enumOf(['INCOMPLETE', 'HAND_OFF'] as const satisfies readonly DraftHold[]);
registerEnumType(DraftHoldEnum, {
  name: 'DraftHold',
  description: 'Why a "send now" message waits for its user instead: INCOMPLETE (no recipient, ...) or HAND_OFF (SMTP sending is off: the user\'s mail program sends).',
});

@ObjectType({ description: 'A message kept for its user to open, edit and send (Luonnos). Only its user sees it; it expires.' })
export class MessageDraft {
  @Field(() => ID) id!: string;
  @Field(() => MessageSourceEnum) source!: MessageSource;
  @Field(() => String, { nullable: true }) documentRef!: string | null;
  @Field(() => MailboxType, { description: 'Lähettäjä as it was resolved; sending resolves it again on the server.' }) from!: MailboxType;
  @Field(() => [MailboxType]) to!: MailboxType[];
  @Field(() => [MailboxType]) cc!: MailboxType[];
  @Field(() => [MailboxType]) bcc!: MailboxType[];
  @Field() subject!: string;
  @Field({ description: 'With the signature: send it with the body as it is.' }) body!: string;
  @Field(() => LanguageEnum) language!: Language;
  @Field(() => [AttachmentType], { description: 'The files the program uploaded for it; readable by the draft\'s user.' }) attachments!: AttachmentType[];
  @Field() attachmentsAllowed!: boolean;
  @Field(() => SendModeEnum, { description: 'ASK: ask Lähetä heti / Avaa muokattavaksi; otherwise open it for editing.' }) sendMode!: SendMode;
  @Field(() => DraftHoldEnum, { nullable: true }) hold!: DraftHold | null;
  @Field({ description: 'SMTP, or HAND_OFF when SMTP sending is off now.' }) delivery!: string;
  @Field(() => [String]) missingPlaceholders!: string[];
  @Field(() => ID, { nullable: true }) standardTextId!: string | null;
  @Field(() => GraphQLJSONObject, { description: 'The placeholder values it was filled with (for choosing another standard text).' })
  variables!: Record<string, string>;
  @Field({ description: 'Who started it: a username or a service key.' }) createdBy!: string;
  @Field(() => GraphQLDateTimeISO) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO, { description: 'After this the draft is discarded (MAESTRO_DRAFT_EXPIRY_DAYS).' }) expiresAt!: Date;
  @Field({ description: '/send?draft=<id>: where the web add-in opens it.' }) url!: string;
}

@ObjectType({ description: 'What startSend did, by the program\'s send policy.' })
export class StartSendResult {
  @Field(() => StartSendOutcomeEnum) outcome!: (typeof StartSendOutcomeEnum)[keyof typeof StartSendOutcomeEnum];
  @Field(() => OutboundMessage, { nullable: true, description: 'QUEUED: the message, as sendMessage answers it.' }) message!: OutboundMessage | null;
  @Field(() => MessageDraft, { nullable: true, description: 'DRAFT: the draft stored for the user.' }) draft!: MessageDraft | null;
  @Field(() => String, {
    nullable: true,
    description: 'DRAFT: the link to open in the user\'s browser, relative to the API\'s address (/send?draft=<id>).',
  })
  url!: string | null;
}

@InputType({ description: 'An ERP module starts a send: the program\'s send policy decides whether it goes at once or waits as a draft.' })
export class StartSendInput {
  @Field(() => MessageSourceEnum) source!: MessageSource;
  @Field(() => String, { nullable: true, description: 'The document (order number, ...).' }) documentRef?: string | null;
  @Field(() => [String], { nullable: true, description: 'Recipients; each may hold several addresses separated by ; or ,. The default recipients are added.' })
  to?: string[] | null;
  @Field(() => [String], { nullable: true }) cc?: string[] | null;
  @Field(() => [String], { nullable: true }) bcc?: string[] | null;
  @Field(() => LanguageEnum, { nullable: true }) language?: Language | null;
  @Field(() => ID, { nullable: true }) standardTextId?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Placeholder values, e.g. {"documentNumber": "12345", "customerName": "Asiakas Oy"}.' })
  variables?: Record<string, unknown> | null;
  @Field(() => [ID], { nullable: true, description: 'The document\'s files, uploaded first (POST /attachments).' }) attachmentIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'Service keys: the user it is for; the key\'s default user when left out. A draft always belongs to a user.' })
  onBehalfOfUserId?: string | null;
  @Field(() => String, { nullable: true, description: 'The same key within the company answers the first result and stores nothing new.' })
  idempotencyKey?: string | null;
}

@InputType({ description: 'What the user edited: the final lists (the default recipients and the signature are not added again).' })
export class DraftContentInput {
  @Field(() => [String]) to!: string[];
  @Field(() => [String], { nullable: true }) cc?: string[] | null;
  @Field(() => [String], { nullable: true }) bcc?: string[] | null;
  @Field() subject!: string;
  @Field() body!: string;
  @Field(() => [ID], { nullable: true }) attachmentIds?: string[] | null;
  @Field(() => LanguageEnum, { nullable: true }) language?: Language | null;
}

@InputType()
export class SendDraftInput extends DraftContentInput {
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Send at this time instead of now.' }) sendAt?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Answer once the message is SENT or FAILED (at most about 10 s).' }) wait?: boolean | null;
}
