import type { DataSource, EntityManager } from 'typeorm';
import { generateMessageId, resolveSms, sendingQuotaKey, sendsToSameAddress, splitRecipients, type RecipientFields, type ResolvedEmail } from '@maestro/mail-core';
import { MAX_TEXT_BYTES, formatAddress, hasSmtpHost, parsePhoneList, problem, validateComposeMessage, type Language, type MessageSource, type Problem, type SmtpAccount } from '@maestro/settings-schema';
import type { Caller } from '../../../common/caller';
import { badInput } from '../../../common/user-facing-error';
import { timeOrderedId } from '../../../common/time-ordered-id';
import { transaction } from '../../../db/transaction';
import { MessageAttachmentEntity, type AttachmentEntity } from '../../attachments/attachment.entity';
import type { AttachmentStore } from '../../attachments/attachment-store';
import { refusedBy } from '../../compose/compose.errors';
import type { ComposeService, EmailRequest } from '../../compose/compose.service';
import type { SettingsService } from '../../settings/settings.service';
import type { AccountStates } from '../dispatch/account-states';
import { applyTransition } from '../lifecycle/apply-transition';
import type { MessageEvents } from '../message-events';
import { MESSAGE_TEXTS, draftNotOpen, fieldProblem } from '../messages.errors';
import { OutboundMessageEntity } from '../outbound-message.entity';
import { checkAttachmentRefs } from './attachment-refs';
import { newOutboxRow, sentByOf, type OutboxRowContent } from './new-outbox-row';
import { hashPayload, insertMessageIf, insertMessages, storeOnce, type SqlCondition } from './store-once';

/** What the caller wrote; the rest (sender, account, defaults, signature) the server resolves. */
export interface EmailContent {
  to: string[];
  cc?: string[] | null;
  bcc?: string[] | null;
  subject: string;
  body: string;
  attachmentIds?: string[] | null;
  language?: Language | null;
  sendAt?: Date | null;
}

export interface SendMessageRequest extends EmailContent, Pick<EmailRequest, 'defaultRecipients' | 'signature'> {
  source: MessageSource;
  documentRef?: string | null;
  idempotencyKey?: string | null;
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
  /** Recipients that may not be sent to (a permanently bounced address). */
  refusals?: RecipientRefusals;
}

type Recipients = Record<'to' | 'cc' | 'bcc', ReadonlyArray<{ address: string }>>;

/** One rule about recipients, asked two ways: which are refused, and the same as a condition of an INSERT. */
export interface RecipientRefusals {
  /** One problem per refused recipient. */
  problemsFor(companyId: string, recipients: Recipients): Promise<Problem[]>;
  /** True when none is refused, as SQL for the statement that stores the message. */
  noneRefused(companyId: string, recipients: Recipients): SqlCondition;
}

const MAX_SCHEDULE_MS = 366 * 24 * 3600_000;
/** Each recipient list is stored as JSON in a TEXT column (65,535 bytes on MySQL). */
const MAX_RECIPIENT_LIST_BYTES = 60_000;

/** A checked and resolved e-mail, ready to be stored as one row per part. */
interface PreparedEmail {
  email: ResolvedEmail;
  senderUserId: string | null;
  parts: RecipientFields[];
  attachments: AttachmentEntity[];
  now: Date;
  due: Date;
  scheduled: boolean;
  /** The sending account's key (mail-core's sendingQuotaKey), null when nothing is sent over SMTP. */
  accountKey: string | null;
  recipients: RecipientFields;
  /** The recipients are not checked yet: the one INSERT that stores the message checks them. */
  refusalsAtInsert: boolean;
}

/**
 * The outbox's front door: checks a request, resolves it on the server (mail-core's one resolution,
 * through ComposeService), and stores the message with its attachment references in one transaction.
 * From then on it is never lost.
 */
export class MessageIntake {
  constructor(
    private readonly db: DataSource,
    private readonly settings: SettingsService,
    private readonly compose: ComposeService,
    private readonly attachments: AttachmentStore,
    private readonly events: MessageEvents,
    /** Where the sending accounts' caps are noted, so the claim knows them before the first send. */
    private readonly accounts: AccountStates,
    private readonly options: MessageIntakeOptions,
  ) {}

  /** `payloadHash`: what the idempotency key stands for, when the caller's request was more than this message (startSend). */
  async send(caller: Caller, request: SendMessageRequest, options: { payloadHash?: string } = {}): Promise<OutboundMessageEntity> {
    // Without a key, a message of one row is stored by one INSERT, which can check the recipients too.
    const prepared = await this.prepare(caller, request, { refusalsAtInsert: !request.idempotencyKey });
    const { email, parts, attachments } = prepared;
    const attachmentIds = attachments.map((a) => a.id);
    // What the key stands for, compared only when there is a key: without one, nothing is hashed.
    const payloadHash = !request.idempotencyKey ? '' : (options.payloadHash ?? hashPayload({
      kind: 'email',
      to: request.to,
      cc: request.cc ?? [],
      bcc: request.bcc ?? [],
      subject: request.subject,
      body: request.body,
      source: request.source,
      documentRef: request.documentRef ?? null,
      attachmentIds,
      sendAt: request.sendAt?.toISOString() ?? null,
      onBehalfOfUserId: request.onBehalfOfUserId ?? null,
      defaultRecipients: request.defaultRecipients ?? 'INCLUDE',
      signature: request.signature ?? 'AUTO',
    }));
    const splitGroupId = parts.length > 1 ? timeOrderedId() : null;
    const context = { caller, senderUserId: prepared.senderUserId, documentRef: request.documentRef, now: prepared.now, due: prepared.due, retryMaxAgeMs: this.options.retryMaxAgeMs };
    const rows = await storeOnce(this.db, {
      caller,
      key: request.idempotencyKey ?? null,
      payloadHash,
      singleStatement: parts.length === 1 && attachments.length === 0,
      insert: async (manager) => {
        const entities = parts.map((part) => newOutboxRow(email.delivery === 'HAND_OFF' ? 'handOff' : 'accept', context, rowContent(request.source, prepared, part, splitGroupId)));
        const [only] = entities;
        if (prepared.refusalsAtInsert && only && entities.length === 1 && attachments.length === 0) {
          await this.insertUnlessRefused(manager, caller.companyId, only, prepared.recipients);
          return entities;
        }
        await insertMessages(manager, entities);
        await linkAttachments(manager, entities, attachments);
        return entities;
      },
    });
    this.events.accepted('EMAIL', 1, rows);
    return rows[0] as OutboundMessageEntity;
  }

  /**
   * Its user sends a stored draft: the draft's row becomes the message (QUEUED, or HANDED_OFF when SMTP
   * sending is off), with what the person finally wrote. The person saw the default recipients and the
   * signature in the draft, so nothing is added. The draft moves only if it is still a draft: of two
   * tabs sending it at once, one wins, the other is told.
   */
  async submitDraft(caller: Caller, draft: OutboundMessageEntity, content: EmailContent): Promise<OutboundMessageEntity> {
    const request: SendMessageRequest = { ...content, source: draft.source, documentRef: draft.documentRef, onBehalfOfUserId: draft.senderUserId, defaultRecipients: 'EXCLUDE', signature: 'NONE' };
    const prepared = await this.prepare(caller, request);
    const { email, parts, attachments } = prepared;
    const splitGroupId = parts.length > 1 ? timeOrderedId() : null;
    const context = { caller, senderUserId: prepared.senderUserId, documentRef: draft.documentRef, now: prepared.now, due: prepared.due, retryMaxAgeMs: this.options.retryMaxAgeMs };
    const [first, ...rest] = parts.map((part) => rowContent(draft.source, prepared, part, splitGroupId));
    await transaction(this.db, async (manager) => {
      const moved = await applyTransition(manager, {
        event: email.delivery === 'HAND_OFF' ? 'handOffDraft' : 'submitDraft',
        id: draft.id,
        companyId: caller.companyId,
        now: prepared.now,
        changes: {
          ...(first as OutboxRowContent),
          // The Message-ID chosen when the draft was stored stays: it is this message's.
          messageId: draft.messageId,
          sentBy: sentByOf(caller),
          createdAt: prepared.now,
          nextAttemptAt: prepared.due,
          giveUpAt: new Date(prepared.due.getTime() + this.options.retryMaxAgeMs),
        },
      });
      if (!moved) throw draftNotOpen();
      const others = rest.map((content) => newOutboxRow(email.delivery === 'HAND_OFF' ? 'handOff' : 'accept', context, content));
      if (others.length) await insertMessages(manager, others);
      await manager.delete(MessageAttachmentEntity, { messageId: draft.id });
      await linkAttachments(manager, [{ id: draft.id }, ...others], attachments);
    });
    this.events.accepted('EMAIL', parts.length);
    return this.db.getRepository(OutboundMessageEntity).findOneByOrFail({ id: draft.id });
  }

  /**
   * One row, stored by the statement that checks its recipients. When it stored nothing, the refusal
   * says which recipients; when none is refused any more (cleared in between), it is tried again.
   */
  private async insertUnlessRefused(manager: EntityManager, companyId: string, row: OutboundMessageEntity, recipients: RecipientFields): Promise<void> {
    const refusals = this.options.refusals;
    if (!refusals) return insertMessages(manager, [row]);
    for (let attempt = 1; ; attempt++) {
      if (await insertMessageIf(manager, row, refusals.noneRefused(companyId, recipients))) return;
      const problems = await refusals.problemsFor(companyId, recipients);
      if (problems.length) throw badInput(problems);
      if (attempt >= 3) throw new Error('the recipients were refused and cleared again three times over; nothing was stored');
    }
  }

  /**
   * Checks what the caller wrote (every problem at once), then resolves it on the server.
   * `refusalsAtInsert`: leave the recipients' refusals to the INSERT when the message is one row.
   */
  private async prepare(caller: Caller, request: SendMessageRequest, options: { refusalsAtInsert?: boolean } = {}): Promise<PreparedEmail> {
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
    const refs = await checkAttachmentRefs(this.attachments, caller, request.source, request.attachmentIds, this.options.messageBytes);
    problems.push(...refs.problems);
    if (problems.length) throw badInput(problems);

    const { email, account, senderUserId } = await this.compose.resolve(caller, { ...message, source: request.source, language: request.language, onBehalfOfUserId: request.onBehalfOfUserId, defaultRecipients: request.defaultRecipients, signature: request.signature });
    checkResolvedBody(email);
    const recipients = { to: email.to, cc: email.cc, bcc: email.bcc };
    for (const field of ['to', 'cc', 'bcc'] as const) {
      // Checked with the parser that writes the envelope: what is stored is what is sent to.
      const rewritten = recipients[field].find((a) => !sendsToSameAddress(a));
      if (rewritten) throw badInput([fieldProblem(field, 'INVALID_ADDRESS', MESSAGE_TEXTS.recipientWouldBeRewritten(rewritten.address))]);
      if (Buffer.byteLength(JSON.stringify(recipients[field].map((a) => formatAddress(a)))) > MAX_RECIPIENT_LIST_BYTES) {
        throw badInput([fieldProblem(field, 'TOO_MANY_BYTES', MESSAGE_TEXTS.recipientListTooLong())]);
      }
    }
    const parts = account ? this.partsFor(recipients, account) : [recipients];
    const refusalsAtInsert = !!options.refusalsAtInsert && parts.length === 1 && refs.ordered.length === 0;
    if (!refusalsAtInsert) {
      const refused = (await this.options.refusals?.problemsFor(caller.companyId, recipients)) ?? [];
      if (refused.length) throw badInput(refused);
    }
    const scheduled = !!request.sendAt && request.sendAt > now;
    const accountKey = account ? sendingQuotaKey(account) : null;
    // Before anything is stored: a failed write here refuses the request, it never half-answers it.
    if (account && accountKey) await this.accounts.note(caller.companyId, accountKey, account, now);
    return {
      email,
      senderUserId,
      parts,
      attachments: refs.ordered,
      now,
      due: scheduled ? (request.sendAt as Date) : now,
      scheduled,
      accountKey,
      recipients,
      refusalsAtInsert,
    };
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

  /** `admit`: told how many messages (one per number) are about to be stored; it may refuse them by throwing. */
  async sendSms(caller: Caller, request: SendSmsRequest, options: { admit?: (count: number) => void } = {}): Promise<OutboundMessageEntity[]> {
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
    options.admit?.(unique.length);

    const senderUserId = await this.compose.senderUserId(caller, request.onBehalfOfUserId);
    const [company, sms] = await Promise.all([this.settings.companySettings(companyId), this.settings.smsSettings(companyId)]);
    const resolved = resolveSms({ source: request.source, company, sms, phoneNumbers: unique, text: request.text });
    if (!resolved.ok) throw refusedBy(resolved.refusal);
    const now = new Date();
    const smsAccountKey = hasSmtpHost(sms.smtp) ? sendingQuotaKey(sms.smtp) : null;
    if (smsAccountKey) await this.accounts.note(companyId, smsAccountKey, sms.smtp, now);
    const context = { caller, senderUserId, documentRef: request.documentRef, now, due: now, retryMaxAgeMs: this.options.retryMaxAgeMs };
    const payloadHash = hashPayload({ kind: 'sms', numbers: unique, text: request.text, source: request.source, documentRef: request.documentRef ?? null });
    const stored = await storeOnce(this.db, {
      caller,
      key: request.idempotencyKey ?? null,
      payloadHash,
      singleStatement: unique.length === 1,
      insert: async (manager) => {
        const entities = unique.map((number) =>
          newOutboxRow('accept', context, {
            channel: 'SMS',
            source: request.source,
            fromName: resolved.from.name,
            fromAddress: resolved.from.address,
            toList: [number],
            ccList: [],
            bccList: [],
            splitGroupId: null,
            subject: '',
            body: resolved.text,
            language: 'FI',
            messageId: generateMessageId(resolved.from.address.split('@').pop() ?? ''),
            waitReason: null,
            accountKey: smsAccountKey,
          }),
        );
        await insertMessages(manager, entities);
        return entities;
      },
    });
    this.events.accepted('SMS', stored.length, stored);
    return stored;
  }
}

/**
 * The body as it will be stored, the signature included, must still fit (a MySQL TEXT): a body at the
 * limit that the signature takes over is refused, not cut.
 */
export function checkResolvedBody(email: Pick<ResolvedEmail, 'body'>): void {
  if (Buffer.byteLength(email.body) > MAX_TEXT_BYTES) throw badInput([problem('body', 'TOO_MANY_BYTES', { max: MAX_TEXT_BYTES })]);
}

/** One stored row of a resolved e-mail: one part of its recipients, with a Message-ID of its own. */
function rowContent(source: MessageSource, prepared: PreparedEmail, part: RecipientFields, splitGroupId: string | null): OutboxRowContent {
  const { email } = prepared;
  return {
    channel: 'EMAIL',
    source,
    fromName: email.from.name,
    fromAddress: email.from.address,
    toList: part.to.map((a) => formatAddress(a)),
    ccList: part.cc.map((a) => formatAddress(a)),
    bccList: part.bcc.map((a) => formatAddress(a)),
    splitGroupId,
    subject: email.subject,
    body: email.body,
    language: email.language,
    messageId: generateMessageId(email.from.address.split('@').pop() ?? ''),
    waitReason: prepared.scheduled ? 'SCHEDULED' : null,
    accountKey: prepared.accountKey,
  };
}

/** Every row refers to every attachment, in the caller's order. */
export async function linkAttachments(manager: EntityManager, rows: ReadonlyArray<{ id: string }>, attachments: readonly AttachmentEntity[]): Promise<void> {
  if (attachments.length === 0 || rows.length === 0) return;
  await manager.insert(
    MessageAttachmentEntity,
    rows.flatMap((row) => attachments.map((a, position) => ({ messageId: row.id, position, attachmentId: a.id }))),
  );
}
