import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { In, LessThan, MoreThanOrEqual, type DataSource } from 'typeorm';
import type { Caller } from '../../common/caller';
import { DRAFT_STATUSES } from '../messages/lifecycle/message-states';
import { AttachmentChunkEntity, AttachmentEntity, MessageAttachmentEntity } from './attachment.entity';
import { transaction } from '../../db/transaction';
import { entitiesFrom, rowsOf, selectAll, statementOf, tableSql } from '../../db/hot-path-sql';
import { timeOrderedId } from '../../common/time-ordered-id';
import { OutboundMessageEntity } from '../messages/outbound-message.entity';
import { SNIFF_BYTES, sniffContentType } from './sniff-content-type';

/** Fits MySQL's BLOB (65,535 bytes) and keeps every row small. */
export const CHUNK_BYTES = 60 * 1024;
/** Chunks written per transaction while an upload streams in. */
const CHUNKS_PER_WRITE = 16;

export class AttachmentTooLargeError extends Error {
  constructor(
    readonly filename: string,
    readonly limitBytes: number,
  ) {
    super(`${filename} is larger than ${limitBytes} bytes`);
  }
}

export interface StoreRequest {
  companyId: string;
  uploadedByUserId: string | null;
  filename: string;
  stream: Readable;
  limitBytes: number;
}

/** What one uploader (and their company) stored since a moment: for the hourly upload quotas. */
export interface UploadUsage {
  files: number;
  bytes: number;
}

/**
 * Attachments in the database, where every worker can read them, cut into chunks as they stream in:
 * an upload is never held whole in memory, and neither is a file being sent.
 */
export class AttachmentStore {
  constructor(private readonly db: DataSource) {}

  async store(request: StoreRequest): Promise<AttachmentEntity> {
    const repo = this.db.getRepository(AttachmentEntity);
    const entity = repo.create({
      id: timeOrderedId(),
      companyId: request.companyId,
      uploadedByUserId: request.uploadedByUserId,
      filename: request.filename,
      contentType: 'application/octet-stream',
      inline: false,
      size: 0,
      sha256: '',
      complete: false,
      createdAt: new Date(),
    });
    await repo.insert(entity);
    const hash = createHash('sha256');
    let size = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let batch: AttachmentChunkEntity[] = [];
    // The first bytes, kept aside to tell the file's type from (the client's declared type is not used).
    const head: Buffer[] = [];
    let headBytes = 0;
    const flushBatch = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      await transaction(this.db, (m) => m.insert(AttachmentChunkEntity, rows));
    };
    const cutChunks = async (final: boolean) => {
      while (pendingBytes >= CHUNK_BYTES || (final && pendingBytes > 0)) {
        const all = Buffer.concat(pending, pendingBytes);
        const data = all.subarray(0, Math.min(CHUNK_BYTES, all.length));
        const rest = all.subarray(data.length);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
        batch.push({ attachmentId: entity.id, seq: seq++, data: Buffer.from(data) });
        if (batch.length >= CHUNKS_PER_WRITE) await flushBatch();
      }
    };
    try {
      // destroyOnReturn: false — on a refusal the rest of the upload is drained, not torn down, so the
      // multipart parser can finish and the client gets its answer.
      for await (const piece of request.stream.iterator({ destroyOnReturn: false })) {
        const buffer = piece as Buffer;
        size += buffer.length;
        if (size > request.limitBytes) throw new AttachmentTooLargeError(request.filename, request.limitBytes);
        hash.update(buffer);
        if (headBytes < SNIFF_BYTES) {
          head.push(buffer.subarray(0, SNIFF_BYTES - headBytes));
          headBytes += Math.min(buffer.length, SNIFF_BYTES - headBytes);
        }
        pending.push(buffer);
        pendingBytes += buffer.length;
        await cutChunks(false);
      }
      await cutChunks(true);
      await flushBatch();
    } catch (err) {
      request.stream.resume();
      // If the database refuses this too, the incomplete upload is housekeeping's (removeUnreferenced).
      await this.remove([entity.id]).catch(() => undefined);
      throw err;
    }
    const sniffed = await sniffContentType(Buffer.concat(head, headBytes), request.filename);
    entity.size = size;
    entity.sha256 = hash.digest('hex');
    entity.contentType = sniffed.contentType;
    entity.inline = sniffed.inline;
    entity.complete = true;
    await repo.update({ id: entity.id }, { size: entity.size, sha256: entity.sha256, contentType: entity.contentType, inline: entity.inline, complete: true });
    return entity;
  }

  /** Complete attachments of the company, in the order asked; missing ones are simply absent. */
  async findComplete(companyId: string, ids: readonly string[]): Promise<AttachmentEntity[]> {
    if (ids.length === 0) return [];
    const found = await this.db.getRepository(AttachmentEntity).findBy({ companyId, id: In([...ids]), complete: true });
    return found;
  }

  async get(companyId: string, id: string): Promise<AttachmentEntity | null> {
    return this.db.getRepository(AttachmentEntity).findOneBy({ companyId, id, complete: true });
  }

  /**
   * The complete attachments among `ids` that the caller may read (and so attach): in their company,
   * and for a user only what they uploaded or what is on a message they may see — their own messages
   * and drafts, or for an admin every message of the company except other users' drafts: a file of a
   * draft is its user's until the draft is sent (Näytä liitteet). An ERP module's key acts for the
   * whole company.
   */
  async readableBy(caller: Caller, ids: readonly string[]): Promise<AttachmentEntity[]> {
    const found = await this.findComplete(caller.companyId, ids);
    if (caller.kind === 'SERVICE' || found.length === 0) return found;
    const notOwn = found.filter((a) => a.uploadedByUserId !== caller.userId).map((a) => a.id);
    if (notOwn.length === 0) return found;
    const qb = this.db
      .getRepository(MessageAttachmentEntity)
      .createQueryBuilder('ma')
      .innerJoin(OutboundMessageEntity, 'm', 'm.id = ma.messageId')
      .select('ma.attachmentId', 'attachmentId')
      .where('ma.attachmentId IN (:...ids)', { ids: notOwn })
      .andWhere('m.companyId = :companyId', { companyId: caller.companyId });
    if (caller.role === 'ADMIN') qb.andWhere('(m.status NOT IN (:...drafts) OR m.senderUserId = :me)', { drafts: [...DRAFT_STATUSES], me: caller.userId });
    else qb.andWhere('m.senderUserId = :me', { me: caller.userId });
    const onVisibleMessages = new Set((await qb.getRawMany<{ attachmentId: string }>()).map((row) => row.attachmentId));
    return found.filter((a) => a.uploadedByUserId === caller.userId || onVisibleMessages.has(a.id));
  }

  /** Files and bytes stored since `since`: by the company, and by the one user when given. */
  async usageSince(companyId: string, uploadedByUserId: string | null, since: Date): Promise<{ company: UploadUsage; user: UploadUsage | null }> {
    const count = async (userId: string | null): Promise<UploadUsage> => {
      const qb = this.db
        .getRepository(AttachmentEntity)
        .createQueryBuilder('a')
        .select('COUNT(*)', 'files')
        .addSelect('COALESCE(SUM(a.size), 0)', 'bytes')
        .where('a.companyId = :companyId', { companyId })
        .andWhere('a.createdAt >= :since', { since });
      if (userId) qb.andWhere('a.uploadedByUserId = :userId', { userId });
      const row = await qb.getRawOne<{ files: number | string; bytes: number | string }>();
      return { files: Number(row?.files ?? 0), bytes: Number(row?.bytes ?? 0) };
    };
    return { company: await count(null), user: uploadedByUserId ? await count(uploadedByUserId) : null };
  }

  async forMessages(messageIds: readonly string[]): Promise<Map<string, AttachmentEntity[]>> {
    const out = new Map<string, AttachmentEntity[]>();
    if (messageIds.length === 0) return out;
    // Asked for every claimed batch, and most messages carry no attachment: one kept statement.
    const table = tableSql(this.db, MessageAttachmentEntity);
    const sql = statementOf(this.db, 'message attachments', () => `SELECT ${selectAll(this.db, table, 'l')} FROM ${table.table} l WHERE l.${table.column('messageId')} IN (:...ids) ORDER BY l.${table.column('position')} ASC`);
    const rows = await rowsOf<Record<string, unknown>>(this.db.manager, sql, { ids: [...messageIds] });
    if (rows.length === 0) return out;
    const links = entitiesFrom(this.db, table, () => new MessageAttachmentEntity(), rows);
    const attachments = await this.db.getRepository(AttachmentEntity).findBy({ id: In([...new Set(links.map((l) => l.attachmentId))]) });
    const byId = new Map(attachments.map((a) => [a.id, a]));
    for (const link of links) {
      const attachment = byId.get(link.attachmentId);
      if (attachment) out.set(link.messageId, [...(out.get(link.messageId) ?? []), attachment]);
    }
    return out;
  }

  /** The bytes, read a few chunks at a time as the consumer pulls. */
  openStream(attachmentId: string): Readable {
    const db = this.db;
    let next = 0;
    const readMore = async (stream: Readable) => {
      try {
        const rows = await db.getRepository(AttachmentChunkEntity).find({
          where: { attachmentId, seq: MoreThanOrEqual(next) },
          order: { seq: 'ASC' },
          take: 8,
        });
        next += rows.length;
        for (const row of rows) stream.push(Buffer.from(row.data));
        if (rows.length < 8) stream.push(null);
      } catch (err) {
        // A failing database ends the download with an error; nothing is left unhandled.
        stream.destroy(err as Error);
      }
    };
    return new Readable({
      read() {
        void readMore(this);
      },
    });
  }

  async readAll(attachmentId: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const part of this.openStream(attachmentId)) parts.push(part as Buffer);
    return Buffer.concat(parts);
  }

  /** Uploads no message refers to, older than the cut-off (24 h by default), and broken uploads. */
  async removeUnreferenced(olderThan: Date): Promise<number> {
    const candidates = await this.db.getRepository(AttachmentEntity).find({ select: { id: true }, where: { createdAt: LessThan(olderThan) } });
    if (candidates.length === 0) return 0;
    const referenced = new Set(
      (await this.db.getRepository(MessageAttachmentEntity).find({ select: { attachmentId: true }, where: { attachmentId: In(candidates.map((c) => c.id)) } })).map((l) => l.attachmentId),
    );
    const orphans = candidates.map((c) => c.id).filter((id) => !referenced.has(id));
    await this.remove(orphans);
    return orphans.length;
  }

  async removeIds(ids: string[]): Promise<void> {
    return this.remove(ids);
  }

  private async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await transaction(this.db, async (m) => {
      await m.delete(AttachmentChunkEntity, { attachmentId: In(ids) });
      await m.delete(AttachmentEntity, { id: In(ids) });
    });
  }
}
