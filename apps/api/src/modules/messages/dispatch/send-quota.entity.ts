import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Sending counted per SMTP account and time window, shared by every worker through the database:
 * kind MINUTE counts messages per minute, HOUR counts recipients per hour (a rolling day sums 24).
 */
@Entity('send_quota')
export class SendQuotaEntity {
  /** sendingQuotaKey of the account: a hash of server, port and mailbox, the same in every worker. */
  @PrimaryColumn('varchar', { length: 64 })
  accountKey!: string;

  @PrimaryColumn('varchar', { length: 8 })
  kind!: 'MINUTE' | 'HOUR' | 'LOCK';

  /** Start of the window, as epoch milliseconds. */
  @PrimaryColumn('bigint')
  windowStart!: string;

  @Column('int', { default: 0 })
  used!: number;
}
