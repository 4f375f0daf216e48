import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { OutboundMessageEntity } from '../messages/outbound-message.entity';

/**
 * Prometheus metrics of the outbox. Counts only: no address, subject or company name is ever a label.
 * Each process has its own registry, so several API instances in one test do not collide.
 */
export class OutboxMetrics {
  readonly registry = new Registry();
  readonly sendDuration: Histogram<'channel' | 'outcome'>;
  readonly failures: Counter<'code' | 'permanent'>;
  readonly quotaWaits: Counter<'reason'>;
  readonly accepted: Counter<'channel'>;
  readonly claimRounds: Counter<'took'>;

  constructor(db: DataSource, options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'maestro_' });
    this.sendDuration = new Histogram({
      name: 'maestro_send_duration_seconds',
      help: 'Time to hand one message to the SMTP server, by channel and outcome (sent, retry, failed).',
      labelNames: ['channel', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.failures = new Counter({
      name: 'maestro_send_failures_total',
      help: 'Failed attempts by error code and whether they were permanent.',
      labelNames: ['code', 'permanent'],
      registers: [this.registry],
    });
    this.quotaWaits = new Counter({
      name: 'maestro_quota_waits_total',
      help: 'Messages that waited for a per-account sending limit, by limit.',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    this.accepted = new Counter({
      name: 'maestro_messages_accepted_total',
      help: 'Messages accepted into the outbox by this process.',
      labelNames: ['channel'],
      registers: [this.registry],
    });
    this.claimRounds = new Counter({
      name: 'maestro_claim_rounds_total',
      help: "Claim rounds of this process's dispatcher, by whether they took a message (some) or found nothing to take (none).",
      labelNames: ['took'],
      registers: [this.registry],
    });
    const repo = () => db.getRepository(OutboundMessageEntity);
    new Gauge({
      name: 'maestro_messages',
      help: 'Messages in the database by status and channel.',
      labelNames: ['status', 'channel'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows: Array<{ status: string; channel: string; n: string | number }> = await repo()
          .createQueryBuilder('m')
          .select('m.status', 'status')
          .addSelect('m.channel', 'channel')
          .addSelect('COUNT(*)', 'n')
          .groupBy('m.status')
          .addGroupBy('m.channel')
          .getRawMany();
        for (const row of rows) this.set({ status: row.status, channel: row.channel }, Number(row.n));
      },
    });
    new Gauge({
      name: 'maestro_queue_depth',
      help: 'Messages due now (queued or retrying with their time come).',
      registers: [this.registry],
      async collect() {
        this.set(await repo().createQueryBuilder('m').where("m.status IN ('QUEUED', 'RETRYING') AND m.nextAttemptAt <= :now", { now: new Date() }).getCount());
      },
    });
    new Gauge({
      name: 'maestro_oldest_due_message_age_seconds',
      help: 'How long the longest-waiting due message has been due (0 when none).',
      registers: [this.registry],
      async collect() {
        const oldest = await repo()
          .createQueryBuilder('m')
          .select('MIN(m.nextAttemptAt)', 'at')
          .where("m.status IN ('QUEUED', 'RETRYING') AND m.nextAttemptAt <= :now", { now: new Date() })
          .getRawOne<{ at: string | Date | null }>();
        const at = oldest?.at ? new Date(typeof oldest.at === 'string' && !oldest.at.includes('Z') && !oldest.at.includes('T') ? `${oldest.at.replace(' ', 'T')}Z` : oldest.at) : null;
        this.set(at ? Math.max(0, (Date.now() - at.getTime()) / 1000) : 0);
      },
    });
  }
}
