import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { Language, MessageSource, OutputKind, SendMode } from '@maestro/settings-schema';
import { LanguageEnum, MessageSourceEnum, OutputKindEnum, SendModeEnum } from '../../graphql/enums';
import { AttachmentType } from '../attachments/attachment.type';
import { MailboxType } from './mailbox.type';

@InputType()
export class ComposeDraftInput {
  @Field(() => MessageSourceEnum, { description: 'The program that sends.' }) source!: MessageSource;
  @Field(() => String, { nullable: true, description: 'The document the message belongs to (order number, ...).' }) documentRef?: string | null;
  @Field(() => [String], { nullable: true, description: 'Recipients; each may hold several addresses separated by ; or ,.' }) to?: string[] | null;
  @Field(() => LanguageEnum, { nullable: true, description: 'Language of the standard text; FI when omitted.' }) language?: Language | null;
  @Field(() => ID, { nullable: true, description: 'A standard text; without it, the first for the source and language.' }) standardTextId?: string | null;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Placeholder values, e.g. {"documentNumber": "12345", "customerName": "Asiakas Oy", "trackingCode": "JJFI..."}.',
  })
  variables?: Record<string, unknown> | null;
  @Field(() => ID, { nullable: true, description: 'Service keys only: the user the message is sent for.' }) onBehalfOfUserId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Files the calling program uploaded for this message (POST /attachments).' })
  attachmentIds?: string[] | null;
}

@ObjectType({ description: 'The resolved draft the compose dialog opens with. The sender is locked.' })
export class ComposedDraftType {
  @Field(() => MessageSourceEnum) source!: MessageSource;
  @Field(() => String, { nullable: true }) documentRef!: string | null;
  @Field(() => MailboxType, { description: 'Lähettäjä: shown greyed, never chosen by the client.' }) from!: MailboxType;
  @Field(() => [MailboxType], { description: 'Vastaanottaja, pre-filled; each can be removed.' }) to!: MailboxType[];
  @Field(() => [MailboxType], { description: 'Kopio: the default recipients when the company puts them in Cc.' }) cc!: MailboxType[];
  @Field(() => [MailboxType], { description: 'Piilokopio: the default recipients when the company puts them in Bcc.' }) bcc!: MailboxType[];
  @Field({ description: 'Otsikko' }) subject!: string;
  @Field({ description: 'Sisältö, with the signature.' }) body!: string;
  @Field({ description: 'Show Liitetiedosto: the calling program allows attachments.' }) attachmentsAllowed!: boolean;
  @Field(() => [AttachmentType], { description: 'The attachments the caller named, as stored (unknown ids are refused).' }) attachments!: AttachmentType[];
  @Field(() => SendModeEnum) sendMode!: SendMode;
  @Field(() => OutputKindEnum) defaultOutput!: OutputKind;
  @Field({ description: 'SMTP: the server sends. HAND_OFF: SMTP sending is off; the user\'s own mail program sends.' }) delivery!: string;
  @Field(() => String, { nullable: true, description: 'USER or COMPANY: whose SMTP account sends.' }) smtpAccountOwner!: string | null;
  @Field(() => [String], { description: 'Placeholders of the standard text that got no value.' }) missingPlaceholders!: string[];
  @Field(() => LanguageEnum) language!: Language;
  @Field(() => ID, { nullable: true }) standardTextId!: string | null;
}
