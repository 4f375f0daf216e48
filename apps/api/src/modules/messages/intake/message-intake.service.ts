import type { DataSource } from 'typeorm';
import {
  buildSmsEnvelope,
  checkChannel,
  generateMessageId,
  resolveDelivery,
  resolveSender,
  resolveSmtpAccount,
  splitRecipients,
  type RecipientFields,
} from '@maestro/mail-core';
import {
  MESSAGE_SOURCE_INFO,
  formatAddress,
  mergeAddressLists,
  parseAddressList,
  parsePhoneList,
  problem,
  validateComposeMessage,
  type Language,
  type MessageSource,
  type ParsedAddress,
  type Problem,
  type SmtpAccount,
} from '@maestro/settings-schema';
import type { Caller } from '../../../common/caller';
import { UserFacingError, badInput } from '../../../common/user-facing-error';
import { timeOrderedId } from '../../../common/time-ordered-id';
import { MessageAttachmentEntity, type AttachmentEntity } from '../../attachments/attachment.entity';
import type { AttachmentStore } from '../../attachments/attachment-store';
import type { ComposeService } from '../../compose/compose.service';
import type { SettingsService } from '../../settings/settings.service';
import type { MessageEvents } from '../message-events';
import { MESSAGE_TEXTS, attachmentsNotAllowed, fieldProblem, noSenderAddress } from '../messages.errors';
import type { OutboundMessageEntity } from '../outbound-message.entity';
import { newOutboxRow } from './new-outbox-row';
import { hashPayload, insertMessages, storeOnce } from './store-once';

export interface SendMessageRequest {
  source: MessageSource;
  documentRef?: string | null;
  to: string[];
  cc?: string[] | null;
  bcc?: string[] | null;
  subject: string;
  body: string;
  attachmentIds?: string[] | null;
  language?: Language | null;
  idempotencyKey?: string | null;
  sendAt?: Date | null;
  onBehalfOfUserId?: string | null;
}

export interface SendSmsRequest {
  source: MessageSource;
  documentRef?: string | null;
  to: string[];
  text: string;
  idempotencyKey?: string | null;
  onBehalfOfUserId?: string | null;
}

export interface MessageIntakeOptions {
  messageBytes: number;
  retryMaxAgeMs: number;
}

const MAX_SCHEDULE_MS = 366 * 24 * 3600_000;
/** Each recipient list is stored as JSON in a TEXT column (65,535 bytes on MySQL). */
const MAX_RECIPIENT_LIST_BYTES = 60_000;

function parsedList(entries: readonly string[]): ParsedAddress[] {
  return mergeAddressLists(...entries.map((entry) => {
    const parsed = parseAddressList(entry);
    return parsed.ok ? parsed.addresses : [];
  }));
}

/**
 * The outbox's front door: checks a request, resolves the sender on the server, and stores the
 * message with its attachment references in one transaction. From then on it is never lost.
 */
export class MessageIntake {
  constructor(
    private readonly db: DataSource,
    private readonly settings: SettingsService,
    private readonly compose: ComposeService,
    private readonly attachments: AttachmentStore,
    private readonly events: MessageEvents,
    private readonly options: MessageIntakeOptions,
  ) {}

  async send(caller: Caller, request: SendMessageRequest): Promise<OutboundMessageEntity> {
    const { companyId } = caller;
    const message = { to: request.to, cc: request.cc ?? [], bcc: request.bcc ?? [], subject: request.subject, body: request.body };
    const problems: Problem[] = [];
    const checked = validateComposeMessage(message);
    if (!checked.ok) problems.push(...checked.problems);
    if ((request.documentRef ?? '').length > 200 || /[\r\n]/.test(request.documentRef ?? '')) problems.push(problem('documentRef', 'TOO_LONG', { max: 200 }));
    if ((request.idempotencyKey ?? '').length > 200) problems.push(problem('idempotencyKey', 'TOO_LONG', { max: 200 }));
    const now = new Date();
    if (request.sendAt && request.sendAt.getTime() - now.getTime() > MAX_SCHEDULE_MS) {
      problems.push(fieldProblem('sendAt', 'INVALID_VALUE', MESSAGE_TEXTS.scheduledTooFar()));
    }
    const attachmentIds = [...new Set(request.attachmentIds ?? [])];
    if (attachmentIds.length > 0 && !MESSAGE_SOURCE_INFO[request.source].attachmentsAllowed) throw attachmentsNotAllowed();
    const attachments = await this.attachments.findComplete(companyId, attachmentIds);
    const found = new Set(attachments.map((a) => a.id));
    // Indexes are those of the list as the caller sent it, duplicates included.
    for (const [index, id] of (request.attachmentIds ?? []).entries()) {
      if (!found.has(id)) problems.push(fieldProblem(`attachmentIds.${index}`, 'INVALID_VALUE', MESSAGE_TEXTS.attachmentNotFound(id)));
    }
    const totalBytes = attachments.reduce((sum, a) => sum + a.size, 0);
    if (totalBytes > this.options.messageBytes) problems.push(fieldProblem('attachmentIds', 'INVALID_VALUE', MESSAGE_TEXTS.attachmentsTooLarge(this.options.messageBytes)));
    if (problems.length) throw badInput(problems);

    const senderUserId = await this.compose.senderUserId(caller, request.onBehalfOfUserId);
    const [company, user] = await Promise.all([
      this.settings.companySettings(companyId),
      senderUserId ? this.settings.userSettings(companyId, senderUserId) : Promise.resolve(null),
    ]);
    const channelRefusal = checkChannel(company.enabledChannels, request.source, 'EMAIL');
    if (channelRefusal) throw new UserFacingError('REFUSED', channelRefusal.message, { reason: channelRefusal.code });
    // The sender is the server's choice: the client never names it.
    const from = resolveSender(company, user);
    if (!from) throw noSenderAddress();
    const delivery = resolveDelivery(company, 'EMAIL');
    const recipients = { to: parsedList(message.to), cc: parsedList(message.cc), bcc: parsedList(message.bcc) };
    for (const field of ['to', 'cc', 'bcc'] as const) {
      if (Buffer.byteLength(JSON.stringify(recipients[field].map((a) => formatAddress(a)))) > MAX_RECIPIENT_LIST_BYTES) {
        throw badInput([fieldProblem(field, 'TOO_MANY_BYTES', MESSAGE_TEXTS.recipientListTooLong())]);
      }
    }
    const parts = delivery === 'SMTP' ? this.partsFor(recipients, resolveSmtpAccount(company, user).account) : [recipients];
    const byOrder = new Map(attachments.map((a) => [a.id, a]));
    const ordered = attachmentIds.map((id) => byOrder.get(id) as AttachmentEntity);
    const senderDomain = from.address.split('@').pop() ?? '';
    const scheduled = !!request.sendAt && request.sendAt > now;
    const context = { caller, senderUserId, documentRef: request.documentRef, now, due: scheduled ? (request.sendAt as Date) : now, retryMaxAgeMs: this.options.retryMaxAgeMs };

    const payloadHash = hashPayload({ kind: 'email', ...message, source: request.source, documentRef: request.documentRef ?? null, attachmentIds, sendAt: request.sendAt?.toISOString() ?? null, onBehalfOfUserId: request.onBehalfOfUserId ?? null });
    const splitGroupId = parts.length > 1 ? timeOrderedId() : null;
    const [stored] = await storeOnce(this.db, {
      caller,
      key: request.idempotencyKey ?? null,
      payloadHash,
      singleStatement: parts.length === 1 && ordered.length === 0,
      insert: async (manager) => {
        const entities = parts.map((part) =>
          newOutboxRow(manager, delivery === 'HAND_OFF' ? 'handOff' : 'accept', context, {
            channel: 'EMAIL',
            source: request.source,
            fromName: from.name,
            fromAddress: from.address,
            toList: part.to.map((a) => formatAddress(a)),
            ccList: part.cc.map((a) => formatAddress(a)),
            bccList: part.bcc.map((a) => formatAddress(a)),
            splitGroupId,
            subject: message.subject,
            body: message.body,
            language: request.language ?? 'FI',
            messageId: generateMessageId(senderDomain),
            waitReason: scheduled ? 'SCHEDULED' : null,
          }),
        );
        await insertMessages(manager, entities);
        if (ordered.length) {
          await manager.insert(
            MessageAttachmentEntity,
            entities.flatMap((entity) => ordered.map((a, position) => ({ messageId: entity.id, position, attachmentId: a.id }))),
          );
        }
        return entities;
      },
    });
    this.events.accepted('EMAIL');
    return stored as OutboundMessageEntity;
  }

  /**
   * An account may allow only so many recipients per message: split the message into parts, or refuse
   * it, as the account's setting says.
   */
  private partsFor(recipients: RecipientFields, account: SmtpAccount): RecipientFields[] {
    const max = account.recipientsPerMessage;
    const count = recipients.to.length + recipients.cc.length + recipients.bcc.length;
    if (!max || count <= max) return [recipients];
    if (account.recipientLimitAction === 'REFUSE') throw badInput([fieldProblem('to', 'TOO_MANY', MESSAGE_TEXTS.tooManyRecipientsForAccount(count, max))]);
    return splitRecipients(recipients, max);
  }

  async sendSms(caller: Caller, request: SendSmsRequest): Promise<OutboundMessageEntity[]> {
    const { companyId } = caller;
    const problems: Problem[] = [];
    const numbers: string[] = [];
    request.to.forEach((entry, index) => {
      const parsed = parsePhoneList(entry);
      if (parsed.ok) numbers.push(...parsed.numbers);
      else problems.push(...parsed.problems.map((p) => ({ ...p, path: `to.${index}` })));
    });
    const unique = [...new Set(numbers)];
    if (unique.length === 0 && problems.length === 0) problems.push(problem('to', 'NO_RECIPIENTS'));
    if (unique.length > 100) problems.push(problem('to', 'TOO_MANY', { max: 100 }));
    if ((request.documentRef ?? '').length > 200) problems.push(problem('documentRef', 'TOO_LONG', { max: 200 }));
    if ((request.idempotencyKey ?? '').length > 200) problems.push(problem('idempotencyKey', 'TOO_LONG', { max: 200 }));
    if (problems.length) throw badInput(problems);

    const senderUserId = await this.compose.senderUserId(caller, request.onBehalfOfUserId);
    const [company, sms] = await Promise.all([this.settings.companySettings(companyId), this.settings.smsSettings(companyId)]);
    const channelRefusal = checkChannel(company.enabledChannels, request.source, 'SMS');
    if (channelRefusal) throw new UserFacingError('REFUSED', channelRefusal.message, { reason: channelRefusal.code });
    // Build each envelope now only to refuse what would fail later (settings, length); the envelope holds
    // the gateway password, so it is built again at send time and never stored.
    for (const number of unique) {
      const envelope = buildSmsEnvelope({ settings: sms, phoneNumber: number, text: request.text, messageId: '<check@maestro.invalid>' });
      if (!envelope.ok) throw new UserFacingError('REFUSED', envelope.refusal.message, { reason: envelope.refusal.code });
    }
    const now = new Date();
    const context = { caller, senderUserId, documentRef: request.documentRef, now, due: now, retryMaxAgeMs: this.options.retryMaxAgeMs };
    const payloadHash = hashPayload({ kind: 'sms', numbers: unique, text: request.text, source: request.source, documentRef: request.documentRef ?? null });
    const stored = await storeOnce(this.db, {
      caller,
      key: request.idempotencyKey ?? null,
      payloadHash,
      singleStatement: unique.length === 1,
      insert: async (manager) => {
        const entities = unique.map((number) =>
          newOutboxRow(manager, 'accept', context, {
            channel: 'SMS',
            source: request.source,
            fromName: '',
            fromAddress: sms.senderEmail,
            toList: [number],
            ccList: [],
            bccList: [],
            splitGroupId: null,
            subject: '',
            body: request.text.normalize('NFC'),
            language: 'FI',
            messageId: generateMessageId(sms.senderEmail.split('@').pop() ?? ''),
            waitReason: null,
          }),
        );
        await insertMessages(manager, entities);
        return entities;
      },
    });
    this.events.accepted('SMS', stored.length);
    return stored;
  }
}
