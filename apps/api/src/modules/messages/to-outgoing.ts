import { resolveTransport, type Mailbox, type OutgoingAttachment, type OutgoingMessage, type Refusal } from '@maestro/mail-core';
import { parseAddressList, type SmtpAccount } from '@maestro/settings-schema';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { AttachmentEntity } from '../attachments/attachment.entity';
import type { SettingsService } from '../settings/settings.service';
import type { OutboundMessageEntity } from './outbound-message.entity';

function mailboxes(formatted: readonly string[]): Mailbox[] {
  return formatted.flatMap((text) => {
    const parsed = parseAddressList(text);
    return parsed.ok ? parsed.addresses : [];
  });
}

/**
 * A stored e-mail as the wire message: the one mapping the dispatcher, the .eml hand-off and the
 * archive's mailto link share. The caller chooses how attachment content is read (a stream per attempt
 * for sending, whole buffers for a download, nothing where only the names count).
 */
export function toOutgoing(row: OutboundMessageEntity, attachments: readonly OutgoingAttachment[]): OutgoingMessage {
  return {
    channel: 'EMAIL',
    messageId: row.messageId,
    from: { name: row.fromName, address: row.fromAddress },
    to: mailboxes(row.toList),
    cc: mailboxes(row.ccList),
    bcc: mailboxes(row.bccList),
    subject: row.subject,
    text: row.body,
    attachments: [...attachments],
  };
}

export type Dispatchable = { ok: true; account: SmtpAccount; message: OutgoingMessage; recipients: number } | { ok: false; refusal: Refusal };

/**
 * The wire message and the SMTP account for a claimed message, through mail-core's resolution with the
 * settings as they are now: a password changed after a failure counts at the next attempt. For SMS the
 * gateway e-mail (with its password) is built there and lives only in memory.
 */
export async function toDispatchable(
  row: OutboundMessageEntity,
  attachments: AttachmentEntity[],
  settings: SettingsService,
  store: AttachmentStore,
): Promise<Dispatchable> {
  if (row.channel === 'SMS') {
    const sms = await settings.smsSettings(row.companyId);
    const resolved = resolveTransport({ channel: 'SMS', sms, phoneNumber: row.toList[0] ?? '', text: row.body, messageId: row.messageId });
    return resolved.ok ? { ...resolved, recipients: 1 } : resolved;
  }
  const company = await settings.companySettings(row.companyId);
  const user = row.senderUserId ? await settings.userSettings(row.companyId, row.senderUserId) : null;
  const message = toOutgoing(
    row,
    attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: store.openStream(a.id) })),
  );
  // Date is when the message entered the outbox (RFC 5322: when it was ready to be sent), the same on
  // every attempt and on the copy in the sender's Sent folder.
  const resolved = resolveTransport({ channel: 'EMAIL', company, user, message: { ...message, date: row.createdAt } });
  return resolved.ok ? { ...resolved, recipients: message.to.length + message.cc.length + message.bcc.length } : resolved;
}
