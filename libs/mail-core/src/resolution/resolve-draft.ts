import {
  MESSAGE_SOURCE_INFO,
  hasSmtpHost,
  type CompanyMessageSettings,
  type Language,
  type MessageSource,
  type ModuleSendPolicy,
  type StandardText,
  type UserMailSettings,
} from '@maestro/settings-schema';
import { refusal, type Refusal } from '../refusals';
import { fillSubject, fillTemplate, type TemplateVariables } from '../templates/fill-template';
import type { Mailbox } from '../types';
import { checkChannel } from './channel';
import { resolveDelivery, type Delivery } from './delivery';
import { resolveSender } from './effective-sender';
import { resolveRecipients } from './recipients';
import { resolveSendPolicy, type ResolvedSendPolicy } from './send-policy';
import { appendSignature } from './signature';
import { resolveSmtpAccount, type SmtpAccountOwner } from './smtp-account';

export interface DraftInput {
  source: MessageSource;
  company: CompanyMessageSettings;
  user: UserMailSettings | null;
  policy: ModuleSendPolicy | null;
  /** As the caller gave them; each text may hold several addresses separated by ; or ,. */
  callerRecipients: readonly string[];
  standardText: Pick<StandardText, 'subject' | 'body'> | null;
  variables: TemplateVariables;
  language: Language;
}

/** What `composeDraft` answers: everything the compose dialog opens with. Holds no secret. */
export interface Draft extends ResolvedSendPolicy {
  /** Locked: resolved on the server, shown greyed, never chosen by the client. */
  from: Mailbox;
  to: Mailbox[];
  subject: string;
  /** Plain text with the signature appended. */
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

export type DraftResult = { ok: true; draft: Draft } | { ok: false; refusal: Refusal };

function refused(reason: Refusal): DraftResult {
  return { ok: false, refusal: reason };
}

/**
 * The draft an e-mail opens with, from the company's and the user's settings, the program's send
 * policy, the caller's recipients and the standard text: every rule of DESIGN.md "Resolution rules" in
 * one place. The same function runs again when the message is sent, so the sender and the account are
 * the server's choice whatever the client sends back.
 */
export function resolveDraft(input: DraftInput): DraftResult {
  const { source, company, user } = input;
  const channelRefusal = checkChannel(company.enabledChannels, source, 'EMAIL');
  if (channelRefusal) return refused(channelRefusal);

  const from = resolveSender(company, user);
  if (from === null) return refused(refusal('NO_SENDER_ADDRESS'));

  const delivery = resolveDelivery(company, 'EMAIL');
  let smtpAccountOwner: SmtpAccountOwner | null = null;
  if (delivery === 'SMTP') {
    const resolved = resolveSmtpAccount(company, user);
    if (!hasSmtpHost(resolved.account)) return refused(refusal('SMTP_NOT_CONFIGURED'));
    smtpAccountOwner = resolved.owner;
  }

  const recipients = resolveRecipients(input.callerRecipients, user, company);
  if (!recipients.ok) return refused(recipients.refusal);

  const subject = fillSubject(input.standardText?.subject ?? '', input.variables);
  if (!subject.ok) return refused(subject.refusal);
  const body = fillTemplate(input.standardText?.body ?? '', input.variables, 'body');
  if (!body.ok) return refused(body.refusal);

  return {
    ok: true,
    draft: {
      from,
      to: recipients.recipients,
      subject: subject.text,
      // The signature is added after filling, so a "{{" in someone's signature is never read as a placeholder.
      body: appendSignature(body.text, user?.signatureLines ?? []),
      attachmentsAllowed: MESSAGE_SOURCE_INFO[source].attachmentsAllowed,
      ...resolveSendPolicy(source, input.policy),
      delivery,
      smtpAccountOwner,
      missingPlaceholders: [...new Set([...subject.missing, ...body.missing])],
      language: input.language,
    },
  };
}
