import { createHash } from 'node:crypto';
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
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
  type Channel,
  type Language,
  type MessageSource,
  type ParsedAddress,
  type Problem,
  type SmtpAccount,
} from '@maestro/settings-schema';
import type { Caller } from '../../common/caller';
import { UserFacingError, badInput, notFound } from '../../common/user-facing-error';
import { MessageAttachmentEntity, type AttachmentEntity } from '../attachments/attachment.entity';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { ComposeService } from '../compose/compose.service';
import { IdempotencyRecordEntity } from '../outbox/idempotency-record.entity';
import type { SettingsService } from '../settings/settings.service';
import { DUE_STATUSES, FINAL_STATUSES, type MessageStatus } from './message-status';
import type { MessageEvents } from './message-events';
import { MESSAGE, attachmentsNotAllowed, idempotencyConflict, notInStatus } from './messages.errors';
import { OutboundMessageEntity } from './outbound-message.entity';
import { transaction } from '../../db/transaction';
import { timeOrderedId } from '../../common/time-ordered-id';

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

export interface MessageFilter {
  status?: MessageStatus[] | null;
  channel?: Channel | null;
  source?: MessageSource | null;
  documentRef?: string | null;
  splitGroupId?: string | null;
  text?: string | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
}

export interface MessagePage {
  nodes: OutboundMessageEntity[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

export interface MessagesServiceOptions {
  messageBytes: number;
  retryMaxAgeMs: number;
}

const MAX_SCHEDULE_MS = 366 * 24 * 3600_000;

function parsedList(entries: readonly string[]): ParsedAddress[] {
  return mergeAddressLists(...entries.map((entry) => {
    const parsed = parseAddressList(entry);
    return parsed.ok ? parsed.addresses : [];
  }));
}

/** Insert without reading the rows back: every column's value is already set in the entity. */
async function insertMessages(manager: EntityManager, entities: OutboundMessageEntity[]): Promise<void> {
  await manager.createQueryBuilder().insert().into(OutboundMessageEntity).values(entities).updateEntity(false).execute();
}

function hashPayload(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

function encodeCursor(message: OutboundMessageEntity): string {
  return Buffer.from(`${message.createdAt.toISOString()}|${message.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw new UserFacingError('BAD_USER_INPUT', { fi: 'Sivutuksen kohta (after) on virheellinen: käytä edellisen sivun endCursor-arvoa.', en: 'The page cursor (after) is not valid: use the previous page’s endCursor.' });
  }
  return { createdAt, id };
}

function sentByOf(caller: Caller): string {
  return caller.kind === 'USER' ? caller.username : `${caller.module} (palveluavain)`;
}

/**
 * The outbox's front door: checks a request, resolves the sender on the server, and stores the
 * message with its attachment references in one transaction. From then on it is never lost.
 */
export class MessagesService {
  constructor(
    private readonly db: DataSource,
    private readonly settings: SettingsService,
    private readonly compose: ComposeService,
    private readonly attachments: AttachmentStore,
    private readonly events: MessageEvents,
    private readonly options: MessagesServiceOptions,
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
      problems.push({ ...problem('sendAt', 'INVALID_VALUE'), message: { fi: 'Ajastettu lähetys voi olla enintään vuoden päässä.', en: 'A scheduled send can be at most a year ahead.' } });
    }
    const attachmentIds = [...new Set(request.attachmentIds ?? [])];
    if (attachmentIds.length > 0 && !MESSAGE_SOURCE_INFO[request.source].attachmentsAllowed) throw attachmentsNotAllowed();
    const attachments = await this.attachments.findComplete(companyId, attachmentIds);
    const found = new Set(attachments.map((a) => a.id));
    // Indexes are those of the list as the caller sent it, duplicates included.
    for (const [index, id] of (request.attachmentIds ?? []).entries()) {
      if (!found.has(id)) problems.push({ ...problem(`attachmentIds.${index}`, 'INVALID_VALUE'), message: { fi: `Liitettä ${id} ei löytynyt: lataa se uudelleen.`, en: `Attachment ${id} was not found: upload it again.` } });
    }
    const totalBytes = attachments.reduce((sum, a) => sum + a.size, 0);
    if (totalBytes > this.options.messageBytes) {
      const mb = Math.round(this.options.messageBytes / 1024 / 1024);
      problems.push({ ...problem('attachmentIds', 'INVALID_VALUE'), message: { fi: `Liitteet ovat yhteensä yli ${mb} Mt: jaa ne useampaan viestiin.`, en: `The attachments add up to more than ${mb} MB: split them over several messages.` } });
    }
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
    if (!from) {
      throw new UserFacingError('REFUSED', { fi: 'Lähettäjän osoite puuttuu: anna Yrityksen email Viestiasetuksissa.', en: 'The sender address is missing: set the company e-mail in Message settings.' }, { reason: 'NO_SENDER_ADDRESS' });
    }
    const delivery = resolveDelivery(company, 'EMAIL');
    const recipients = { to: parsedList(message.to), cc: parsedList(message.cc), bcc: parsedList(message.bcc) };
    for (const field of ['to', 'cc', 'bcc'] as const) {
      // Each list is stored as JSON in a TEXT column (65,535 bytes on MySQL).
      if (Buffer.byteLength(JSON.stringify(recipients[field].map((a) => formatAddress(a)))) > 60_000) {
        throw badInput([{ ...problem(field, 'TOO_MANY_BYTES', { max: 60_000 }), message: { fi: 'Vastaanottajaluettelo on liian pitkä: jaa vastaanottajat useampaan viestiin.', en: 'The recipient list is too long: split the recipients over several messages.' } }]);
      }
    }
    const parts = delivery === 'SMTP' ? this.partsFor(recipients, resolveSmtpAccount(company, user).account) : [recipients];
    const byOrder = new Map(attachments.map((a) => [a.id, a]));
    const ordered = attachmentIds.map((id) => byOrder.get(id) as AttachmentEntity);
    const senderDomain = from.address.split('@').pop() ?? '';
    const sendAt = request.sendAt && request.sendAt > now ? request.sendAt : now;

    const payloadHash = hashPayload({ kind: 'email', ...message, source: request.source, documentRef: request.documentRef ?? null, attachmentIds, sendAt: request.sendAt?.toISOString() ?? null, onBehalfOfUserId: request.onBehalfOfUserId ?? null });
    const splitGroupId = parts.length > 1 ? timeOrderedId() : null;
    // One INSERT is atomic on its own; more statements (parts, attachments, a key) share a transaction.
    const single = parts.length === 1 && ordered.length === 0;
    const [stored] = await this.storeOnce(caller, request.idempotencyKey ?? null, payloadHash, single, async (manager) => {
      const entities = parts.map((part) =>
        this.newMessage(manager, caller, senderUserId, request.documentRef, now, sendAt, {
          channel: 'EMAIL',
          source: request.source,
          status: delivery === 'HAND_OFF' ? 'HANDED_OFF' : 'QUEUED',
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
          waitReason: request.sendAt && request.sendAt > now ? 'SCHEDULED' : null,
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
    if (account.recipientLimitAction === 'REFUSE') {
      throw badInput([
        {
          ...problem('to', 'TOO_MANY', { max }),
          message: {
            fi: `Viestissä on ${count} vastaanottajaa, mutta lähetystili sallii enintään ${max} viestiä kohden: jaa vastaanottajat useampaan viestiin.`,
            en: `The message has ${count} recipients, but the sending account allows at most ${max} per message: split the recipients over several messages.`,
          },
        },
      ]);
    }
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
    const payloadHash = hashPayload({ kind: 'sms', numbers: unique, text: request.text, source: request.source, documentRef: request.documentRef ?? null });
    const stored = await this.storeOnce(caller, request.idempotencyKey ?? null, payloadHash, unique.length === 1, async (manager) => {
      const entities = unique.map((number) =>
        this.newMessage(manager, caller, senderUserId, request.documentRef, now, now, {
          channel: 'SMS',
          source: request.source,
          status: 'QUEUED',
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
    });
    this.events.accepted('SMS', stored.length);
    return stored;
  }

  /** A new outbox row: what the message is, plus the bookkeeping every accepted message starts with. */
  private newMessage(
    manager: EntityManager,
    caller: Caller,
    senderUserId: string | null,
    documentRef: string | null | undefined,
    now: Date,
    due: Date,
    content: Pick<
      OutboundMessageEntity,
      'channel' | 'source' | 'status' | 'fromName' | 'fromAddress' | 'toList' | 'ccList' | 'bccList' | 'splitGroupId' | 'subject' | 'body' | 'language' | 'messageId' | 'waitReason'
    >,
  ): OutboundMessageEntity {
    return manager.create(OutboundMessageEntity, {
      ...content,
      id: timeOrderedId(),
      companyId: caller.companyId,
      documentRef: documentRef?.trim() || null,
      senderUserId,
      sentBy: sentByOf(caller),
      attempts: 0,
      nextAttemptAt: due,
      giveUpAt: new Date(due.getTime() + this.options.retryMaxAgeMs),
      lockedBy: null,
      lockedUntil: null,
      lastErrorCode: null,
      lastErrorMessage: null,
      lastErrorPermanent: null,
      recipientErrors: null,
      smtpResponse: null,
      createdAt: now,
      sentAt: null,
      updatedAt: now,
    });
  }

  /**
   * Store once per idempotency key: a repeat with the same payload gets the first answer; another
   * payload under the same key is refused. Two racing requests meet at the key's primary key.
   */
  private async storeOnce(
    caller: Caller,
    key: string | null,
    payloadHash: string,
    singleStatement: boolean,
    insert: (manager: EntityManager) => Promise<OutboundMessageEntity[]>,
  ): Promise<OutboundMessageEntity[]> {
    const repeat = async () => {
      const record = await this.db.getRepository(IdempotencyRecordEntity).findOneBy({ companyId: caller.companyId, idempotencyKey: key as string });
      if (!record) return null;
      if (record.payloadHash !== payloadHash) throw idempotencyConflict();
      const found = await this.db.getRepository(OutboundMessageEntity).findBy({ companyId: caller.companyId, id: In(record.messageIds) });
      const byId = new Map(found.map((m) => [m.id, m]));
      return record.messageIds.map((id) => byId.get(id)).filter((m): m is OutboundMessageEntity => !!m);
    };
    if (key) {
      const earlier = await repeat();
      if (earlier) return earlier;
    }
    if (!key && singleStatement) return insert(this.db.manager);
    try {
      return await transaction(this.db, async (manager) => {
        const entities = await insert(manager);
        if (key) {
          await manager.insert(IdempotencyRecordEntity, { companyId: caller.companyId, idempotencyKey: key, payloadHash, messageIds: entities.map((e) => e.id), createdAt: new Date() });
        }
        return entities;
      });
    } catch (err) {
      if (key) {
        const earlier = await repeat();
        if (earlier) return earlier;
      }
      throw err;
    }
  }

  private visible(caller: Caller) {
    const where: { companyId: string; senderUserId?: string } = { companyId: caller.companyId };
    if (caller.kind === 'USER' && caller.role !== 'ADMIN') where.senderUserId = caller.userId;
    return where;
  }

  async get(caller: Caller, id: string): Promise<OutboundMessageEntity> {
    const message = await this.db.getRepository(OutboundMessageEntity).findOneBy({ ...this.visible(caller), id });
    if (!message) throw notFound(MESSAGE);
    return message;
  }

  async list(caller: Caller, filter: MessageFilter, first: number, after: string | null): Promise<MessagePage> {
    const take = Math.max(1, Math.min(first, 200));
    const qb = this.db.getRepository(OutboundMessageEntity).createQueryBuilder('m').where('m.companyId = :companyId', { companyId: caller.companyId });
    const visible = this.visible(caller);
    if (visible.senderUserId) qb.andWhere('m.senderUserId = :me', { me: visible.senderUserId });
    if (filter.status?.length) qb.andWhere('m.status IN (:...statuses)', { statuses: filter.status });
    if (filter.channel) qb.andWhere('m.channel = :channel', { channel: filter.channel });
    if (filter.source) qb.andWhere('m.source = :source', { source: filter.source });
    if (filter.splitGroupId) qb.andWhere('m.splitGroupId = :splitGroupId', { splitGroupId: filter.splitGroupId });
    if (filter.documentRef) qb.andWhere('m.documentRef = :documentRef', { documentRef: filter.documentRef });
    if (filter.createdFrom) qb.andWhere('m.createdAt >= :from', { from: filter.createdFrom });
    if (filter.createdTo) qb.andWhere('m.createdAt < :to', { to: filter.createdTo });
    if (filter.text?.trim()) {
      // '!' as the LIKE escape: a backslash means different things in MySQL and SQLite string literals.
      const like = `%${filter.text.trim().replace(/[!%_]/g, (c) => `!${c}`)}%`;
      qb.andWhere(
        new Brackets((w) => {
          w.where("m.subject LIKE :like ESCAPE '!'", { like })
            .orWhere("m.toList LIKE :like ESCAPE '!'", { like })
            .orWhere("m.documentRef LIKE :like ESCAPE '!'", { like })
            .orWhere("m.body LIKE :like ESCAPE '!'", { like });
        }),
      );
    }
    const totalCount = await qb.clone().getCount();
    if (after) {
      const cursor = decodeCursor(after);
      qb.andWhere(new Brackets((w) => w.where('m.createdAt < :c', { c: cursor.createdAt }).orWhere('m.createdAt = :c AND m.id < :cid', { c: cursor.createdAt, cid: cursor.id })));
    }
    const rows = await qb.orderBy('m.createdAt', 'DESC').addOrderBy('m.id', 'DESC').take(take + 1).getMany();
    const nodes = rows.slice(0, take);
    const last = nodes[nodes.length - 1];
    return { nodes, endCursor: last ? encodeCursor(last) : null, hasNextPage: rows.length > take, totalCount };
  }

  /** Send a failed or waiting message again now, with a fresh give-up time. */
  async retry(caller: Caller, id: string): Promise<OutboundMessageEntity> {
    const now = new Date();
    const retried = await this.transition(caller, id, 'retry', ['FAILED', 'RETRYING', 'CANCELLED'], {
      status: 'QUEUED',
      nextAttemptAt: now,
      giveUpAt: new Date(now.getTime() + this.options.retryMaxAgeMs),
    });
    this.events.wake();
    return retried;
  }

  /** Cancel before a dispatcher has taken it. */
  async cancel(caller: Caller, id: string): Promise<OutboundMessageEntity> {
    const cancelled = await this.transition(caller, id, 'cancel', DUE_STATUSES, { status: 'CANCELLED' });
    this.events.emit({ id, companyId: caller.companyId, status: 'CANCELLED' });
    return cancelled;
  }

  /**
   * Change a visible message's status only from the statuses given, in one conditional UPDATE: a
   * dispatcher's claim and this change cannot both win.
   */
  private async transition(
    caller: Caller,
    id: string,
    action: 'retry' | 'cancel',
    from: readonly MessageStatus[],
    changes: Partial<OutboundMessageEntity>,
  ): Promise<OutboundMessageEntity> {
    const message = await this.get(caller, id);
    const result = await this.db
      .getRepository(OutboundMessageEntity)
      .createQueryBuilder()
      .update()
      .set({ ...changes, waitReason: null, updatedAt: new Date() })
      .where('id = :id AND companyId = :companyId AND status IN (:...statuses)', { id, companyId: caller.companyId, statuses: [...from] })
      .execute();
    if (!result.affected) throw notInStatus(action, message.status);
    return this.get(caller, id);
  }

  /** Wait (at most timeoutMs) until the message is SENT, FAILED or otherwise final. */
  async waitForFinal(caller: Caller, id: string, timeoutMs: number): Promise<OutboundMessageEntity> {
    const deadline = Date.now() + timeoutMs;
    let current = await this.get(caller, id);
    while (!FINAL_STATUSES.includes(current.status) && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(250, Math.max(0, deadline - Date.now())));
        const unsubscribe = this.events.subscribe((change) => {
          if (change.id === id) done();
        });
        function done() {
          clearTimeout(timer);
          unsubscribe();
          resolve();
        }
      });
      current = await this.get(caller, id);
    }
    return current;
  }
}
