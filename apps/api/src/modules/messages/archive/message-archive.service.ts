import { Brackets, In, Not, type DataSource } from 'typeorm';
import { problem, type Channel, type MessageSource, type Problem } from '@maestro/settings-schema';
import type { Caller } from '../../../common/caller';
import { badInput, notFound } from '../../../common/user-facing-error';
import { DRAFT_STATUSES, type MessageStatus } from '../lifecycle/message-states';
import { MESSAGE, MESSAGE_TEXTS, fieldProblem } from '../messages.errors';
import { OutboundMessageEntity } from '../outbound-message.entity';
import type { MessageRecipientEntity } from '../recipients/message-recipient.entity';
import { recipientsOf } from '../recipients/message-recipients';
import { decodeCursor, encodeCursor } from './archive-cursor';

export interface MessageFilter {
  status?: MessageStatus[] | null;
  channel?: Channel | null;
  source?: MessageSource | null;
  documentRef?: string | null;
  splitGroupId?: string | null;
  text?: string | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
  /** Also the messages a recipient of which bounced permanently after sending (Epäonnistuneet), whatever their status. */
  orBounced?: boolean | null;
}

/** A search is a few words; anything longer is a mistake (or an attempt to make the database work). */
export const MAX_SEARCH_LENGTH = 200;

/** Every filter text within its bounds, or every problem at once. */
function checkFilter(filter: MessageFilter): void {
  const problems: Problem[] = [];
  if ((filter.text ?? '').length > MAX_SEARCH_LENGTH) problems.push(fieldProblem('filter.text', 'TOO_LONG', MESSAGE_TEXTS.searchTooLong(MAX_SEARCH_LENGTH)));
  if ((filter.documentRef ?? '').length > 200) problems.push(problem('filter.documentRef', 'TOO_LONG', { max: 200 }));
  if ((filter.splitGroupId ?? '').length > 100) problems.push(problem('filter.splitGroupId', 'TOO_LONG', { max: 100 }));
  if (problems.length) throw badInput(problems);
}

export interface MessagePage {
  nodes: OutboundMessageEntity[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

/**
 * Sent items, outbox and failures as a caller may see them: a user their own, an admin the company's.
 * Drafts are not messages yet: they belong to their user alone and are read through MessageDrafts.
 */
export class MessageArchive {
  constructor(private readonly db: DataSource) {}

  private visible(caller: Caller) {
    const where: { companyId: string; senderUserId?: string } = { companyId: caller.companyId };
    if (caller.kind === 'USER' && caller.role !== 'ADMIN') where.senderUserId = caller.userId;
    return where;
  }

  async get(caller: Caller, id: string): Promise<OutboundMessageEntity> {
    const message = await this.db.getRepository(OutboundMessageEntity).findOneBy({ ...this.visible(caller), id, status: Not(In([...DRAFT_STATUSES])) });
    if (!message) throw notFound(MESSAGE);
    return message;
  }

  /** The stored recipients of messages the caller was already allowed to read (by get or list). */
  recipientsOf(messageIds: readonly string[]): Promise<Map<string, MessageRecipientEntity[]>> {
    return recipientsOf(this.db, messageIds);
  }

  async list(caller: Caller, filter: MessageFilter, first: number, after: string | null): Promise<MessagePage> {
    checkFilter(filter);
    const take = Math.max(1, Math.min(first, 200));
    const qb = this.db
      .getRepository(OutboundMessageEntity)
      .createQueryBuilder('m')
      .where('m.companyId = :companyId', { companyId: caller.companyId })
      .andWhere('m.status NOT IN (:...drafts)', { drafts: [...DRAFT_STATUSES] });
    const visible = this.visible(caller);
    if (visible.senderUserId) qb.andWhere('m.senderUserId = :me', { me: visible.senderUserId });
    const bounced = "EXISTS (SELECT 1 FROM bounce_event b WHERE b.outboundMessageId = m.id AND b.action = 'BOUNCED')";
    if (filter.status?.length && filter.orBounced) qb.andWhere(`(m.status IN (:...statuses) OR ${bounced})`, { statuses: filter.status });
    else if (filter.status?.length) qb.andWhere('m.status IN (:...statuses)', { statuses: filter.status });
    else if (filter.orBounced) qb.andWhere(bounced);
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
}
