import { MoreThanOrEqual, type DataSource } from 'typeorm';
import { problem, type Problem } from '@maestro/settings-schema';
import type { SqlCondition } from '../messages/intake/store-once';
import { OutboundMessageEntity } from '../messages/outbound-message.entity';
import { BounceEventEntity, SuppressedAddressEntity } from './bounce.entities';

type Recipients = Record<'to' | 'cc' | 'bcc', ReadonlyArray<{ address: string }>>;

export interface BounceRate {
  /** Messages sent (SENT or later FAILED by a bounce) in the period. */
  sent: number;
  /** Of those, messages with at least one permanently bounced recipient. */
  bounced: number;
  /** Recipients reported delayed in the period. */
  delayed: number;
  /** bounced / sent, 0 when nothing was sent. */
  rate: number;
}

/**
 * The company's permanently bounced addresses: listed and cleared by an admin, and checked before a
 * message is accepted, so that an address known to bounce is not sent to again until someone has
 * looked at it.
 */
export class Suppressions {
  constructor(private readonly db: DataSource) {}

  list(companyId: string): Promise<SuppressedAddressEntity[]> {
    return this.db.getRepository(SuppressedAddressEntity).find({ where: { companyId }, order: { createdAt: 'DESC' } });
  }

  /** True when the address was on the list (it is not any more). */
  async clear(companyId: string, address: string): Promise<boolean> {
    const result = await this.db.getRepository(SuppressedAddressEntity).delete({ companyId, address: address.trim().toLowerCase() });
    return (result.affected ?? 0) > 0;
  }

  /**
   * One problem per suppressed address among the recipients, on the field that names it. Every message
   * is checked at intake, so this is one primary-key lookup written out: the repository's find spent
   * more time building and reading the statement than the database spent running it. Nothing is cached:
   * a worker's bounce reader adds addresses, and the next message to one is refused in every process.
   */
  async problemsFor(companyId: string, recipients: Recipients): Promise<Problem[]> {
    const all = (['to', 'cc', 'bcc'] as const).flatMap((field) => recipients[field].map((r) => ({ field, address: r.address.toLowerCase() })));
    if (all.length === 0) return [];
    const addresses = [...new Set(all.map((r) => r.address))];
    const found: Array<{ address: string; reply: string | null }> = await this.db.query(
      `SELECT ${this.column('address')} AS address, ${this.column('reply')} AS reply ${this.rowsOf(addresses.length)}`,
      [companyId, ...addresses],
    );
    const byAddress = new Map(found.map((s) => [s.address, s]));
    return all.filter((r) => byAddress.has(r.address)).map((r) => problem(r.field, 'RECIPIENT_SUPPRESSED', { address: r.address, reply: byAddress.get(r.address)?.reply ?? '' }));
  }

  /**
   * "None of the recipients is suppressed", as a condition for the statement that stores the message:
   * intake then needs no statement of its own for the check, and no address suppressed before the
   * message was stored slips between a check and the write. problemsFor says which, when it fails.
   */
  noneSuppressed(companyId: string, recipients: Recipients): SqlCondition {
    const addresses = [...new Set((['to', 'cc', 'bcc'] as const).flatMap((field) => recipients[field].map((r) => r.address.toLowerCase())))];
    if (addresses.length === 0) return { sql: '1 = 1', parameters: [] };
    return { sql: `NOT EXISTS (SELECT 1 ${this.rowsOf(addresses.length)})`, parameters: [companyId, ...addresses] };
  }

  /** FROM and WHERE of the company's rows among `count` addresses (parameters: the company, then the addresses). */
  private rowsOf(count: number): string {
    return `FROM ${this.db.driver.escape(this.meta.tableName)} WHERE ${this.column('companyId')} = ? AND ${this.column('address')} IN (${Array.from({ length: count }, () => '?').join(', ')})`;
  }

  private column(property: keyof SuppressedAddressEntity): string {
    return this.db.driver.escape(this.meta.findColumnWithPropertyName(property)?.databaseName ?? property);
  }

  private get meta() {
    return this.db.getMetadata(SuppressedAddressEntity);
  }

  /** The company's bounce rate over the last `days` days. */
  async rate(companyId: string, days: number, now = new Date()): Promise<BounceRate> {
    const since = new Date(now.getTime() - days * 24 * 3600_000);
    const sent = await this.db.getRepository(OutboundMessageEntity).count({ where: { companyId, sentAt: MoreThanOrEqual(since) } });
    const events = await this.db.getRepository(BounceEventEntity).find({ where: { companyId, reportedAt: MoreThanOrEqual(since) } });
    const bounced = new Set(events.filter((e) => e.action === 'BOUNCED').map((e) => e.outboundMessageId)).size;
    const delayed = new Set(events.filter((e) => e.action === 'DELAYED').map((e) => `${e.outboundMessageId} ${e.address}`)).size;
    return { sent, bounced, delayed, rate: sent > 0 ? bounced / sent : 0 };
  }
}
