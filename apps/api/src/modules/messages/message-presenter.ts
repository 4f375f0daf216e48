import { buildMailtoLink } from '@maestro/mail-core';
import type { LocalizedText } from '@maestro/settings-schema';
import type { UiLanguage } from '../../common/language';
import type { AttachmentEntity } from '../attachments/attachment.entity';
import type { AttachmentType } from '../attachments/attachment.type';
import { presentMailbox } from '../compose/mailbox.type';
import type { MessageRecipient, OutboundMessage } from './message.types';
import type { MessageRecipientEntity } from './recipients/message-recipient.entity';
import { stateOf } from './recipients/message-recipients';
import { recipientsByMessage, type RecipientState } from './recipients/recipient-states';
import type { OutboundMessageEntity } from './outbound-message.entity';
import { toOutgoing } from './to-outgoing';

const WAIT_MESSAGES: Record<string, LocalizedText> = {
  SCHEDULED: { fi: 'Ajastettu lähetys', en: 'Scheduled' },
  QUOTA_MESSAGES_PER_MINUTE: { fi: 'Odottaa lähetyskiintiötä (viestejä minuutissa)', en: 'Waiting for the sending quota (messages per minute)' },
  QUOTA_RECIPIENTS_PER_DAY: { fi: 'Odottaa lähetyskiintiötä (vastaanottajia vuorokaudessa)', en: 'Waiting for the sending quota (recipients per day)' },
  ACCOUNT_UNREACHABLE: {
    // Shown after the reading pane's "Odottaa" and alone under a send's outcome: it must not start with it.
    fi: 'Lähetystili ei vastaa: sen palvelimeen ei saada yhteyttä, yhteyttä kokeillaan pian uudelleen',
    en: 'The sending account does not answer: its server cannot be reached; the connection is tried again soon',
  },
};

export function presentAttachment(a: AttachmentEntity): AttachmentType {
  return { id: a.id, filename: a.filename, size: a.size, contentType: a.contentType, sha256: a.sha256, url: `/attachments/${a.id}` };
}


/** Each recipient with its outcome: its row, or (no rows) what the message's own outcome says. */
function presentRecipients(m: OutboundMessageEntity, rows: readonly MessageRecipientEntity[], language: UiLanguage): MessageRecipient[] {
  const states: RecipientState[] = rows.length ? rows.map(stateOf) : recipientsByMessage(m);
  return states.map((s) => ({
    address: s.address,
    kind: s.kind,
    outcome: s.outcome,
    reply: s.lastReply,
    code: s.lastErrorCode,
    message: s.lastErrorMessage ? s.lastErrorMessage[language] : null,
    attempts: s.attempts,
    updatedAt: s.updatedAt,
  }));
}

/** The archive's view of a message in the caller's language. */
export function presentMessage(m: OutboundMessageEntity, attachments: AttachmentEntity[], language: UiLanguage, recipients: readonly MessageRecipientEntity[] = []): OutboundMessage {
  let handOff: OutboundMessage['handOff'] = null;
  if (m.status === 'HANDED_OFF') {
    // The link is only about names and text: a message with attachments gets none (the .eml carries them).
    const mailto = buildMailtoLink(toOutgoing(m, attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.alloc(0) }))));
    handOff = { emlUrl: `/messages/${m.id}/draft.eml`, mailtoUrl: mailto && !mailto.tooLong ? mailto.href : null };
  }
  return {
    id: m.id,
    channel: m.channel,
    source: m.source,
    documentRef: m.documentRef,
    status: m.status,
    from: presentMailbox({ name: m.fromName, address: m.fromAddress }),
    to: m.toList,
    cc: m.ccList,
    bcc: m.bccList,
    subject: m.subject,
    body: m.body,
    language: m.language,
    attachments: attachments.map(presentAttachment),
    attempts: m.attempts,
    nextAttemptAt: m.status === 'QUEUED' || m.status === 'RETRYING' || m.status === 'PARTIALLY_SENT' ? m.nextAttemptAt : null,
    waitReason: m.waitReason,
    waitMessage: m.waitReason ? (WAIT_MESSAGES[m.waitReason]?.[language] ?? m.waitReason) : null,
    lastError: m.lastErrorCode ? { code: m.lastErrorCode, message: m.lastErrorMessage?.[language] ?? m.lastErrorCode, permanent: !!m.lastErrorPermanent } : null,
    recipientErrors: (m.recipientErrors ?? []).map((r) => ({ address: r.address, code: r.code, message: r.message[language] })),
    recipients: presentRecipients(m, recipients, language),
    smtpResponse: m.smtpResponse,
    messageId: m.messageId,
    splitGroupId: m.splitGroupId,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
    sentBy: m.sentBy,
    handOff,
  };
}
