import { buildSmsEnvelope, resolveSmtpAccount, type Mailbox, type OutgoingMessage, type Refusal } from '@maestro/mail-core';
import { parseAddressList, type SmtpAccount } from '@maestro/settings-schema';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { AttachmentEntity } from '../attachments/attachment.entity';
import type { OutboundMessageEntity } from '../messages/outbound-message.entity';
import type { SettingsService } from '../settings/settings.service';

export type Outgoing = { ok: true; account: SmtpAccount; message: OutgoingMessage; recipients: number } | { ok: false; refusal: Refusal };

export function mailboxes(formatted: readonly string[]): Mailbox[] {
  return formatted.flatMap((text) => {
    const parsed = parseAddressList(text);
    return parsed.ok ? parsed.addresses : [];
  });
}

/**
 * The wire message and the SMTP account for a stored message, with the settings as they are now:
 * a password changed after a failure counts at the next attempt. For SMS the gateway e-mail (with
 * its password) is built here and lives only in memory.
 */
export async function buildOutgoing(
  entity: OutboundMessageEntity,
  attachments: AttachmentEntity[],
  settings: SettingsService,
  store: AttachmentStore,
): Promise<Outgoing> {
  if (entity.channel === 'SMS') {
    const sms = await settings.smsSettings(entity.companyId);
    const envelope = buildSmsEnvelope({ settings: sms, phoneNumber: entity.toList[0] ?? '', text: entity.body, messageId: entity.messageId });
    if (!envelope.ok) return { ok: false, refusal: envelope.refusal };
    return { ok: true, account: sms.smtp, message: envelope.envelope.message, recipients: 1 };
  }
  const company = await settings.companySettings(entity.companyId);
  const user = entity.senderUserId ? await settings.userSettings(entity.companyId, entity.senderUserId) : null;
  const { account } = resolveSmtpAccount(company, user);
  const to = mailboxes(entity.toList);
  const cc = mailboxes(entity.ccList);
  const bcc = mailboxes(entity.bccList);
  const message: OutgoingMessage = {
    channel: 'EMAIL',
    messageId: entity.messageId,
    from: { name: entity.fromName, address: entity.fromAddress },
    to,
    cc,
    bcc,
    subject: entity.subject,
    text: entity.body,
    attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: store.openStream(a.id) })),
  };
  return { ok: true, account, message, recipients: to.length + cc.length + bcc.length };
}
