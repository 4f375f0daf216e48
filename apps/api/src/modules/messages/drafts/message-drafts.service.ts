import { LessThan, type DataSource } from 'typeorm';
import { generateMessageId } from '@maestro/mail-core';
import { formatAddress, mergeAddressLists, parseAddressList, problem, validateComposeMessage, type Language, type Problem } from '@maestro/settings-schema';
import type { Caller } from '../../../common/caller';
import { badInput, forbidden, notFound } from '../../../common/user-facing-error';
import { transaction } from '../../../db/transaction';
import type { AttachmentStore } from '../../attachments/attachment-store';
import { MessageAttachmentEntity } from '../../attachments/attachment.entity';
import type { ComposeRequest, ComposeService } from '../../compose/compose.service';
import { applyTransition } from '../lifecycle/apply-transition';
import { checkAttachmentRefs } from '../intake/attachment-refs';
import { checkResolvedBody, linkAttachments, type EmailContent, type MessageIntake } from '../intake/message-intake.service';
import { newOutboxRow } from '../intake/new-outbox-row';
import { hashPayload, insertMessages, storeOnce, storedBefore } from '../intake/store-once';
import { DRAFT, draftExpired, draftNeedsUser, draftNotOpen } from '../messages.errors';
import { OutboundMessageEntity, type DraftInfo } from '../outbound-message.entity';

export interface MessageDraftsOptions {
  /** How long a draft waits for its user (MAESTRO_DRAFT_EXPIRY_DAYS, 7 days by default). */
  expiryMs: number;
  messageBytes: number;
  retryMaxAgeMs: number;
}

export interface StartSendRequest extends ComposeRequest {
  attachmentIds?: string[] | null;
  idempotencyKey?: string | null;
}

/** Why a SEND_NOW program's message was kept as a draft instead: a person must finish it. */
export type DraftHold = NonNullable<DraftInfo['hold']>;

export type StartSendResult =
  | { outcome: 'QUEUED'; message: OutboundMessageEntity }
  | { outcome: 'DRAFT'; draft: OutboundMessageEntity };

/** The link the ERP opens in the user's browser, relative to the API's (and the web add-in's) address. */
export function draftUrl(id: string): string {
  return `/send?draft=${encodeURIComponent(id)}`;
}

/**
 * How an ERP module starts a send (`startSend`) and what its user does with the draft: the program's
 * send policy decides whether the message goes at once or waits as a draft for its user, who opens it
 * from the link (or from Luonnokset), edits it, sends it or throws it away. A draft is an outbound
 * message in status DRAFT that the dispatcher never takes; it belongs to its user alone, and expires.
 */
export class MessageDrafts {
  constructor(
    private readonly db: DataSource,
    private readonly compose: ComposeService,
    private readonly intake: MessageIntake,
    private readonly attachments: AttachmentStore,
    private readonly options: MessageDraftsOptions,
  ) {}

  async startSend(caller: Caller, request: StartSendRequest): Promise<StartSendResult> {
    const problems: Problem[] = [];
    if ((request.documentRef ?? '').length > 200 || /[\r\n]/.test(request.documentRef ?? '')) problems.push(problem('documentRef', 'TOO_LONG', { max: 200 }));
    if ((request.idempotencyKey ?? '').length > 200) problems.push(problem('idempotencyKey', 'TOO_LONG', { max: 200 }));
    const refs = await checkAttachmentRefs(this.attachments, caller, request.source, request.attachmentIds, this.options.messageBytes);
    problems.push(...refs.problems);
    if (problems.length) throw badInput(problems);

    // A draft belongs to a person: the user named, else the key's default user; never nobody.
    const owner = await this.compose.senderUserId(caller, request.onBehalfOfUserId);
    if (!owner) throw draftNeedsUser();
    const key = request.idempotencyKey ?? null;
    const payloadHash = hashPayload({ kind: 'startSend', ...request, onBehalfOfUserId: owner, idempotencyKey: null });
    if (key) {
      const earlier = await storedBefore(this.db, caller, key, payloadHash);
      if (earlier?.[0]) return resultOf(earlier[0]);
    }

    const resolved = await this.compose.resolve(caller, { ...request, onBehalfOfUserId: owner, subject: null, body: null, defaultRecipients: 'INCLUDE', signature: 'AUTO' });
    const { email } = resolved;
    checkResolvedBody(email);
    const content: EmailContent = {
      to: email.to.map((m) => formatAddress(m)),
      cc: email.cc.map((m) => formatAddress(m)),
      bcc: email.bcc.map((m) => formatAddress(m)),
      subject: email.subject,
      body: email.body,
      attachmentIds: refs.ordered.map((a) => a.id),
      language: email.language,
    };
    let hold: DraftHold | null = null;
    if (email.sendMode === 'SEND_NOW') {
      hold = email.delivery === 'HAND_OFF' ? 'HAND_OFF' : validateComposeMessage(content).ok ? null : 'INCOMPLETE';
      if (hold === null) {
        // The person's defaults and signature are in the resolved text already: nothing is added twice.
        const message = await this.intake.send(
          caller,
          { ...content, source: request.source, documentRef: request.documentRef, idempotencyKey: key, onBehalfOfUserId: owner, defaultRecipients: 'EXCLUDE', signature: 'NONE' },
          { payloadHash },
        );
        return { outcome: 'QUEUED', message };
      }
    }

    const now = new Date();
    const info: DraftInfo = {
      // A SEND_NOW message that could not go opens for editing, never sends itself.
      sendMode: hold ? 'OPEN_FOR_EDIT' : email.sendMode,
      hold,
      missingPlaceholders: email.missingPlaceholders,
      standardTextId: resolved.standardTextId,
      variables: request.variables ?? {},
    };
    const [draft] = await storeOnce(this.db, {
      caller,
      key,
      payloadHash,
      singleStatement: refs.ordered.length === 0,
      insert: async (manager) => {
        const row = newOutboxRow('saveDraft', { caller, senderUserId: owner, documentRef: request.documentRef, now, due: now, retryMaxAgeMs: this.options.retryMaxAgeMs }, {
          channel: 'EMAIL',
          source: request.source,
          fromName: email.from.name,
          fromAddress: email.from.address,
          toList: content.to,
          ccList: content.cc ?? [],
          bccList: content.bcc ?? [],
          splitGroupId: null,
          subject: email.subject,
          body: email.body,
          language: email.language,
          messageId: generateMessageId(email.from.address.split('@').pop() ?? ''),
          waitReason: null,
        });
        row.draftExpiresAt = new Date(now.getTime() + this.options.expiryMs);
        row.draftInfo = info;
        await insertMessages(manager, [row]);
        await linkAttachments(manager, [row], refs.ordered);
        return [row];
      },
    });
    return { outcome: 'DRAFT', draft: draft as OutboundMessageEntity };
  }

  /** Luonnokset: the caller's own open drafts, newest first. */
  async list(caller: Caller): Promise<OutboundMessageEntity[]> {
    const userId = ownerOf(caller);
    await this.expireDue(new Date());
    return this.db.getRepository(OutboundMessageEntity).find({ where: { companyId: caller.companyId, senderUserId: userId, status: 'DRAFT' }, order: { createdAt: 'DESC', id: 'DESC' }, take: 200 });
  }

  /**
   * One of the caller's drafts, still open. Someone else's draft is not found (an admin's included):
   * a draft is its user's until it is sent. One that was sent, thrown away or expired says so.
   */
  async get(caller: Caller, id: string): Promise<OutboundMessageEntity> {
    const userId = ownerOf(caller);
    const row = await this.db.getRepository(OutboundMessageEntity).findOneBy({ companyId: caller.companyId, id, senderUserId: userId });
    if (!row || !row.draftInfo) throw notFound(DRAFT);
    const now = new Date();
    if (row.status === 'DRAFT' && row.draftExpiresAt && row.draftExpiresAt <= now) {
      await this.discard(row, 'expireDraft', now);
      throw draftExpired();
    }
    if (row.status === 'DRAFT') return row;
    if (row.status === 'DISCARDED' && row.draftExpiresAt && row.draftExpiresAt <= now) throw draftExpired();
    throw draftNotOpen();
  }

  /** Saves what its user edited; the draft stays a draft (and keeps its expiry). */
  async update(caller: Caller, id: string, content: Omit<EmailContent, 'sendAt'>): Promise<OutboundMessageEntity> {
    const draft = await this.get(caller, id);
    const message = { to: content.to, cc: content.cc ?? [], bcc: content.bcc ?? [], subject: content.subject, body: content.body };
    const checked = validateComposeMessage(message);
    // A draft may be saved before it has its recipients; everything else must already be right.
    const problems = checked.ok ? [] : checked.problems.filter((p) => p.code !== 'NO_RECIPIENTS');
    const refs = await checkAttachmentRefs(this.attachments, caller, draft.source, content.attachmentIds, this.options.messageBytes);
    problems.push(...refs.problems);
    if (problems.length) throw badInput(problems);
    const listOf = (texts: readonly string[]) => mergeAddressLists(...texts.map((t) => { const p = parseAddressList(t); return p.ok ? p.addresses : []; })).map((a) => formatAddress(a));
    const now = new Date();
    await transaction(this.db, async (manager) => {
      const changed = await manager.update(
        OutboundMessageEntity,
        { id, companyId: caller.companyId, status: 'DRAFT' },
        { toList: listOf(message.to), ccList: listOf(message.cc), bccList: listOf(message.bcc), subject: message.subject, body: message.body, language: (content.language ?? draft.language) as Language, updatedAt: now },
      );
      if (!changed.affected) throw draftNotOpen();
      await manager.delete(MessageAttachmentEntity, { messageId: id });
      await linkAttachments(manager, [{ id }], refs.ordered);
    });
    return this.get(caller, id);
  }

  /** Its user sends it: into the outbox (or to their own mail program) with what they finally wrote. */
  async send(caller: Caller, id: string, content: EmailContent): Promise<OutboundMessageEntity> {
    return this.intake.submitDraft(caller, await this.get(caller, id), content);
  }

  /** Its user throws it away: it is never sent, and its uploads are left for the cleanup of unused files. */
  async discardDraft(caller: Caller, id: string): Promise<OutboundMessageEntity> {
    const draft = await this.get(caller, id);
    if (!(await this.discard(draft, 'discardDraft', new Date()))) throw draftNotOpen();
    return { ...draft, status: 'DISCARDED' };
  }

  /** Drafts past their time, of every company: discarded, a batch at a time. */
  async expireDue(now: Date): Promise<number> {
    const due = await this.db.getRepository(OutboundMessageEntity).find({ select: { id: true, companyId: true }, where: { status: 'DRAFT', draftExpiresAt: LessThan(now) }, take: 500 });
    let expired = 0;
    for (const row of due) if (await this.discard(row, 'expireDraft', now)) expired++;
    return expired;
  }

  private async discard(row: Pick<OutboundMessageEntity, 'id' | 'companyId'>, event: 'discardDraft' | 'expireDraft', now: Date): Promise<boolean> {
    return transaction(this.db, async (manager) => {
      const moved = await applyTransition(manager, { event, id: row.id, companyId: row.companyId, now });
      if (moved) await manager.delete(MessageAttachmentEntity, { messageId: row.id });
      return moved;
    });
  }
}

/** Drafts are a person's: a service key starts them, only their user opens them. */
function ownerOf(caller: Caller): string {
  if (caller.kind !== 'USER') throw forbidden();
  return caller.userId;
}

function resultOf(row: OutboundMessageEntity): StartSendResult {
  return row.status === 'DRAFT' || row.status === 'DISCARDED' ? { outcome: 'DRAFT', draft: row } : { outcome: 'QUEUED', message: row };
}
