import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type {
  ChannelSet,
  CompanyMessageSettings,
  DefaultRecipientField,
  GatewayPasswordPlacement,
  ImapEncryption,
  PhoneNumberPlacement,
  RecipientLimitAction,
  SmsSettings,
  SmsTemplateMode,
  SmtpAccount,
  SmtpAuthMethod,
  SmtpEncryption,
  UserMailSettings,
} from '@maestro/settings-schema';
import {
  ChannelSetEnum,
  DefaultRecipientFieldEnum,
  GatewayPasswordPlacementEnum,
  ImapEncryptionEnum,
  PhoneNumberPlacementEnum,
  RecipientLimitActionEnum,
  SmsTemplateModeEnum,
  SmtpAuthMethodEnum,
  SmtpEncryptionEnum,
} from '../../graphql/enums';

type SmtpSecret = 'password' | 'oauthClientSecret' | 'oauthServiceAccountKey';

@ObjectType({ description: 'A sanity warning about settings: saved anyway, but probably wrong.' })
export class SettingsWarning {
  @Field({ description: 'Dotted field path, e.g. smtp.port' })
  field!: string;

  @Field()
  code!: string;

  @Field({ description: "In the caller's language (Accept-Language)." })
  message!: string;
}

@ObjectType({ description: 'An SMTP account. Secrets are write-only: only whether each is set is returned.' })
export class SmtpAccountType implements Omit<SmtpAccount, SmtpSecret> {
  @Field({ description: 'SMTP-palvelin' }) host!: string;
  @Field({ description: 'Autentikointi' }) authEnabled!: boolean;
  @Field(() => Int, { description: 'Portti' }) port!: number;
  @Field(() => SmtpEncryptionEnum, { description: 'Salaustapa' }) encryption!: SmtpEncryption;
  @Field({ description: 'Käyttäjätunnus' }) username!: string;
  @Field({ description: 'Salasana is set (the password itself is never returned).' }) passwordSet!: boolean;
  @Field(() => SmtpAuthMethodEnum) authMethod!: SmtpAuthMethod;
  @Field() oauthTenantId!: string;
  @Field() oauthClientId!: string;
  @Field() oauthClientSecretSet!: boolean;
  @Field({ description: 'The client secret expires on this day (YYYY-MM-DD, as Entra ID shows it), or "" when not given. Kept with the secret.' })
  oauthClientSecretExpiresAt!: string;
  @Field() oauthServiceAccountKeySet!: boolean;
  @Field() oauthUser!: string;
  @Field() caCertificate!: string;
  @Field(() => Int, { nullable: true }) messagesPerMinute!: number | null;
  @Field(() => Int, { nullable: true }) recipientsPerMessage!: number | null;
  @Field(() => Int, { nullable: true }) recipientsPerDay!: number | null;
  @Field(() => RecipientLimitActionEnum) recipientLimitAction!: RecipientLimitAction;
  @Field(() => Int, { description: 'Simultaneous connections at most (1–20; Microsoft hosts 3).' }) maxConnections!: number;
  @Field({ description: 'Client host name given in EHLO; "" uses MAESTRO_EHLO_NAME, the machine\'s full name, else the sender\'s domain.' }) ehloName!: string;
  @Field({ description: 'IMAP-palvelin of the sending mailbox (Sent copy, bounces); "" = none. Signs in like the SMTP account; part of the secret\'s binding.' })
  imapHost!: string;
  @Field(() => Int, { description: 'IMAP-portti (993 for SSL, 143 for TLS).' }) imapPort!: number;
  @Field(() => ImapEncryptionEnum, { description: 'IMAP-salaustapa.' }) imapEncryption!: ImapEncryption;
  @Field({ description: 'Tallenna kopio Lähetetyt-kansioon: APPEND each sent message to the Sent folder. Off where the provider files SMTP mail itself (Gmail, Microsoft 365).' })
  imapAppendToSent!: boolean;
  @Field({ description: 'The Sent folder\'s whole path, e.g. INBOX.Sent; "" = the folder flagged \\Sent, else by name.' }) imapSentFolder!: string;
  @Field({ description: 'Bounce notices that were read are moved to this folder (created if needed); "" = they stay in the inbox.' }) imapBounceFolder!: string;
}

@InputType({ description: 'Changes to an SMTP account. Omitted fields keep their value. Secrets: omitted or null keeps, "" clears.' })
export class SmtpAccountInput implements Partial<SmtpAccount> {
  @Field({ nullable: true }) host?: string;
  @Field({ nullable: true }) authEnabled?: boolean;
  @Field(() => Int, { nullable: true }) port?: number;
  @Field(() => SmtpEncryptionEnum, { nullable: true }) encryption?: SmtpEncryption;
  @Field({ nullable: true }) username?: string;
  @Field(() => String, { nullable: true }) password?: string | null;
  @Field(() => SmtpAuthMethodEnum, { nullable: true }) authMethod?: SmtpAuthMethod;
  @Field({ nullable: true }) oauthTenantId?: string;
  @Field({ nullable: true }) oauthClientId?: string;
  @Field(() => String, { nullable: true }) oauthClientSecret?: string | null;
  @Field({ nullable: true, description: 'YYYY-MM-DD or "". A new client secret without it clears the old date.' }) oauthClientSecretExpiresAt?: string;
  @Field(() => String, { nullable: true }) oauthServiceAccountKey?: string | null;
  @Field({ nullable: true }) oauthUser?: string;
  @Field({ nullable: true }) caCertificate?: string;
  @Field(() => Int, { nullable: true }) messagesPerMinute?: number | null;
  @Field(() => Int, { nullable: true }) recipientsPerMessage?: number | null;
  @Field(() => Int, { nullable: true }) recipientsPerDay?: number | null;
  @Field(() => RecipientLimitActionEnum, { nullable: true }) recipientLimitAction?: RecipientLimitAction;
  @Field(() => Int, { nullable: true }) maxConnections?: number;
  @Field({ nullable: true }) ehloName?: string;
  @Field({ nullable: true }) imapHost?: string;
  @Field(() => Int, { nullable: true }) imapPort?: number;
  @Field(() => ImapEncryptionEnum, { nullable: true }) imapEncryption?: ImapEncryption;
  @Field({ nullable: true }) imapAppendToSent?: boolean;
  @Field({ nullable: true }) imapSentFolder?: string;
  @Field({ nullable: true }) imapBounceFolder?: string;
}

@ObjectType({ description: 'Viestiasetukset – Sähköposti lähetykset, and the company\'s "SMTP sähköpostilähetys".' })
export class CompanyMessageSettingsType implements Omit<CompanyMessageSettings, 'smtp'> {
  @Field(() => ChannelSetEnum, { description: 'Palvelu käytössä' }) enabledChannels!: ChannelSet;
  @Field({ description: 'SMTP sähköpostilähetys (Kyllä/Ei). Off: messages are handed to the user\'s own mail program.' })
  smtpSendingEnabled!: boolean;
  @Field({ description: 'Yrityksen email' }) companyEmail!: string;
  @Field({ description: 'Lähettäjän nimi' }) senderName!: string;
  @Field(() => SmtpAccountType) smtp!: SmtpAccountType;
  @Field({ description: 'Vakio vastaanottaja: several addresses separated by ; or ,' }) defaultRecipients!: string;
  @Field(() => DefaultRecipientFieldEnum, { description: 'Where the default recipients go on every message: To (the seed), Cc or Bcc.' })
  defaultRecipientsField!: DefaultRecipientField;
  @Field(() => [SettingsWarning]) warnings!: SettingsWarning[];
}

@InputType()
export class CompanyMessageSettingsInput implements Partial<Omit<CompanyMessageSettings, 'smtp'>> {
  @Field(() => ChannelSetEnum, { nullable: true }) enabledChannels?: ChannelSet;
  @Field({ nullable: true }) smtpSendingEnabled?: boolean;
  @Field({ nullable: true }) companyEmail?: string;
  @Field({ nullable: true }) senderName?: string;
  @Field(() => SmtpAccountInput, { nullable: true }) smtp?: SmtpAccountInput;
  @Field({ nullable: true }) defaultRecipients?: string;
  @Field(() => DefaultRecipientFieldEnum, { nullable: true }) defaultRecipientsField?: DefaultRecipientField;
}

@ObjectType({ description: 'Viestiasetukset – Tekstiviesti lähetykset. SMS travels as an e-mail to the gateway.' })
export class SmsSettingsType implements Omit<SmsSettings, 'smtp' | 'gatewayPassword'> {
  @Field({ description: 'Sms lähettäjän email' }) senderEmail!: string;
  @Field(() => SmtpAccountType) smtp!: SmtpAccountType;
  @Field({ description: 'Sms-palvelun email, e.g. @smsmail.labyrintti.com' }) gatewayAddress!: string;
  @Field({ description: 'Sms-palvelun salasana is set.' }) gatewayPasswordSet!: boolean;
  @Field(() => PhoneNumberPlacementEnum, { description: 'Puhelinnumeron paikka' }) phoneNumberPlacement!: PhoneNumberPlacement;
  @Field(() => GatewayPasswordPlacementEnum) gatewayPasswordPlacement!: GatewayPasswordPlacement;
  @Field(() => Int) maxSegments!: number;
  @Field(() => SmsTemplateModeEnum) templateMode!: SmsTemplateMode;
  @Field({ description: 'E.g. {number}@smsmail.labyrintti.com; placeholders {number}, {number_plus}, {number_national}, {password}, {sender}.' })
  addressTemplate!: string;
  @Field() subjectTemplate!: string;
  @Field({ description: 'Put on a line of its own before the text, e.g. Pass:{password}.' }) firstLineTemplate!: string;
  @Field({ description: 'Texts outside GSM-7 go to this domain instead, where the gateway wants that (LINK Mobility).' }) ucs2Domain!: string;
  @Field(() => [SettingsWarning]) warnings!: SettingsWarning[];
}

@InputType()
export class SmsSettingsInput implements Partial<Omit<SmsSettings, 'smtp'>> {
  @Field({ nullable: true }) senderEmail?: string;
  @Field(() => SmtpAccountInput, { nullable: true }) smtp?: SmtpAccountInput;
  @Field({ nullable: true }) gatewayAddress?: string;
  @Field(() => String, { nullable: true }) gatewayPassword?: string | null;
  @Field(() => PhoneNumberPlacementEnum, { nullable: true }) phoneNumberPlacement?: PhoneNumberPlacement;
  @Field(() => GatewayPasswordPlacementEnum, { nullable: true }) gatewayPasswordPlacement?: GatewayPasswordPlacement;
  @Field(() => Int, { nullable: true }) maxSegments?: number;
  @Field(() => SmsTemplateModeEnum, { nullable: true }) templateMode?: SmsTemplateMode;
  @Field({ nullable: true }) addressTemplate?: string;
  @Field({ nullable: true }) subjectTemplate?: string;
  @Field({ nullable: true }) firstLineTemplate?: string;
  @Field({ nullable: true }) ucs2Domain?: string;
}

@ObjectType({ description: 'Sähköposti määrittely: per user, every field optional.' })
export class UserMailSettingsType implements Omit<UserMailSettings, 'smtp'> {
  @Field(() => ID, { description: 'Käyttäjä' }) userId!: string;
  @Field({ description: 'Sähköposti' }) email!: string;
  @Field({ description: 'Lähettäjän nimi' }) senderName!: string;
  @Field(() => SmtpAccountType, { description: 'Used only when its host is set.' }) smtp!: SmtpAccountType;
  @Field(() => [String], { description: 'Allekirjoitus: eight lines.' }) signatureLines!: string[];
  @Field({ description: 'Vastaanottaja' }) defaultRecipient!: string;
  @Field({ description: 'Whether an admin set or confirmed email and senderName. Until then the user sends as the company.' }) senderConfirmed!: boolean;
  @Field(() => [SettingsWarning]) warnings!: SettingsWarning[];
}

@ObjectType({ description: 'A sender address or name a user set themselves, waiting for an admin to confirm it.' })
export class UnconfirmedSender {
  @Field(() => ID) userId!: string;
  @Field() username!: string;
  @Field() email!: string;
  @Field() senderName!: string;
}

@InputType()
export class UserMailSettingsInput implements Partial<Omit<UserMailSettings, 'smtp'>> {
  @Field({ nullable: true }) email?: string;
  @Field({ nullable: true }) senderName?: string;
  @Field(() => SmtpAccountInput, { nullable: true }) smtp?: SmtpAccountInput;
  @Field(() => [String], { nullable: true }) signatureLines?: string[];
  @Field({ nullable: true }) defaultRecipient?: string;
}
