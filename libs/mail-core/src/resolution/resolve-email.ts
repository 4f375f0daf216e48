import {
  MESSAGE_SOURCE_INFO,
  hasSmtpHost,
  type CompanyMessageSettings,
  type Language,
  type MessageSource,
  type SmtpAccount,
  type StandardText,
} from '@maestro/settings-schema';
import { refusal, type Refusal } from '../refusals';
import { fillSubject, fillTemplate, type TemplateVariables } from '../templates/fill-template';
import type { Mailbox } from '../types';
import { checkChannel } from './channel';
import { resolveDelivery, type Delivery } from './delivery';
import { resolveSender, type SendingUser } from './effective-sender';
import { resolveRecipients, type DefaultRecipientsChoice, type RecipientRequest } from './recipients';
import { resolveSendPolicy, type ResolvedSendPolicy, type StoredSendPolicy } from './send-policy';
import { appendSignature, type SignatureChoice } from './signature';
import { resolveSmtpAccount, type SmtpAccountOwner } from './smtp-account';
import type { RecipientFields } from './split-recipients';

export interface EmailInput {
  source: MessageSource;
  company: CompanyMessageSettings;
  /** The settings of the user the message is sent as (with whether their sender is confirmed); null when a service key sends for the company. */
  user: SendingUser | null;
  policy: StoredSendPolicy | null;
  recipients: RecipientRequest;
  defaultRecipients: DefaultRecipientsChoice;
  signature: SignatureChoice;
  /** What the caller wrote, taken as it is (never read as a template); null takes the standard text's part. */
  subject: string | null;
  body: string | null;
  standardText: Pick<StandardText, 'subject' | 'body'> | null;
  variables: TemplateVariables;
  language: Language;
}

/** A message as the server resolved it: what the compose dialog opens with, or what is stored. Holds no secret. */
export interface ResolvedEmail extends ResolvedSendPolicy, RecipientFields {
  /** Locked: resolved on the server, shown greyed, never chosen by the client. */
  from: Mailbox;
  subject: string;
  /** Plain text; with the user's signature unless the caller said NONE. */
  body: string;
  /** The seed: the attachment field is shown only when the calling program allows attachments. */
  attachmentsAllowed: boolean;
  delivery: Delivery;
  /** Whose SMTP account sends it; null when the user's own mail program does (hand-off). */
  smtpAccountOwner: SmtpAccountOwner | null;
  /** Placeholders of the standard text with no value, left visible as {{name}} in subject or body. */
  missingPlaceholders: string[];
  language: Language;
}

/** `account`: the SMTP account that will send it (it holds the password: for the server only), null on hand-off. */
export type EmailResolution = { ok: true; email: ResolvedEmail; account: SmtpAccount | null } | { ok: false; refusal: Refusal };

function refused(reason: Refusal): EmailResolution {
  return { ok: false, refusal: reason };
}

/**
 * Every rule of DESIGN.md "Resolution rules" for one e-mail, in one place, for every caller: the
 * compose dialog's draft (composeDraft), a message sent by a person or a module (sendMessage), a
 * module's startSend and a person's sending of a stored draft. The sender and the account are the
 * server's choice whatever the client sends; the company's default recipients and the user's signature
 * are added here unless the caller says it already showed them to a person.
 */
export function resolveEmail(input: EmailInput): EmailResolution {
  const { source, company, user } = input;
  const channelRefusal = checkChannel(company.enabledChannels, source, 'EMAIL');
  if (channelRefusal) return refused(channelRefusal);

  const from = resolveSender(company, user);
  if (from === null) return refused(refusal('NO_SENDER_ADDRESS'));

  const delivery = resolveDelivery(company, 'EMAIL');
  let account: SmtpAccount | null = null;
  let smtpAccountOwner: SmtpAccountOwner | null = null;
  if (delivery === 'SMTP') {
    const resolved = resolveSmtpAccount(company, user);
    if (!hasSmtpHost(resolved.account)) return refused(refusal('SMTP_NOT_CONFIGURED'));
    account = resolved.account;
    smtpAccountOwner = resolved.owner;
  }

  const recipients = resolveRecipients(input.recipients, user, company, input.defaultRecipients);
  if (!recipients.ok) return refused(recipients.refusal);

  const subject = input.subject !== null ? { ok: true as const, text: input.subject, missing: [] } : fillSubject(input.standardText?.subject ?? '', input.variables);
  if (!subject.ok) return refused(subject.refusal);
  const body = input.body !== null ? { ok: true as const, text: input.body, missing: [] } : fillTemplate(input.standardText?.body ?? '', input.variables, 'body');
  if (!body.ok) return refused(body.refusal);

  return {
    ok: true,
    account,
    email: {
      from,
      ...recipients.recipients,
      subject: subject.text,
      // The signature is added after filling, so a "{{" in someone's signature is never read as a placeholder.
      body: input.signature === 'AUTO' ? appendSignature(body.text, user?.signatureLines ?? []) : body.text,
      attachmentsAllowed: MESSAGE_SOURCE_INFO[source].attachmentsAllowed,
      ...resolveSendPolicy(source, input.policy),
      delivery,
      smtpAccountOwner,
      missingPlaceholders: [...new Set([...subject.missing, ...body.missing])],
      language: input.language,
    },
  };
}
