import { MESSAGE_SOURCE_INFO, parseAddressList } from '@maestro/settings-schema';
import type { Delivery } from '@maestro/mail-core';
import type { AttachmentEntity } from '../../attachments/attachment.entity';
import { presentMailbox, type MailboxType } from '../../compose/mailbox.type';
import { presentAttachment } from '../message-presenter';
import type { OutboundMessageEntity } from '../outbound-message.entity';
import type { MessageDraft } from './draft.types';
import { draftUrl } from './message-drafts.service';

function mailboxes(formatted: readonly string[]): MailboxType[] {
  return formatted.flatMap((text) => {
    const parsed = parseAddressList(text);
    return parsed.ok ? parsed.addresses.map(presentMailbox) : [];
  });
}

/** A stored draft as its user opens it; `delivery` is the company's choice now, not when it was stored. */
export function presentDraft(row: OutboundMessageEntity, attachments: readonly AttachmentEntity[], delivery: Delivery): MessageDraft {
  const info = row.draftInfo ?? { sendMode: 'OPEN_FOR_EDIT', hold: null, missingPlaceholders: [], standardTextId: null, variables: {} };
  return {
    id: row.id,
    source: row.source,
    documentRef: row.documentRef,
    from: presentMailbox({ name: row.fromName, address: row.fromAddress }),
    to: mailboxes(row.toList),
    cc: mailboxes(row.ccList),
    bcc: mailboxes(row.bccList),
    subject: row.subject,
    body: row.body,
    language: row.language,
    attachments: attachments.map(presentAttachment),
    attachmentsAllowed: MESSAGE_SOURCE_INFO[row.source].attachmentsAllowed,
    sendMode: info.sendMode,
    hold: info.hold,
    delivery,
    missingPlaceholders: info.missingPlaceholders,
    standardTextId: info.standardTextId,
    variables: info.variables,
    createdBy: row.sentBy,
    createdAt: row.createdAt,
    expiresAt: row.draftExpiresAt ?? row.createdAt,
    url: draftUrl(row.id),
  };
}
