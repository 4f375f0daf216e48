import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One sending account (an SMTP server + mailbox) of one company, as the dispatchers share it: its
 * concurrency cap, when it was last given a claim (round-robin), and whether it is parked because its
 * connections keep failing. Messages in flight are not counted here: they are the account's SENDING
 * rows with a live lease, so a dead worker's slots come back when its leases run out.
 */
@Entity('sending_account')
@Index(['parkedUntil'])
export class SendingAccountEntity {
  @PrimaryColumn('varchar', { length: 36 })
  companyId!: string;

  /** mail-core's sendingQuotaKey: a hash of server, port and mailbox. */
  @PrimaryColumn('varchar', { length: 64 })
  accountKey!: string;

  /** "mailbox @ host:port" for the admins' list: never a secret. */
  @Column('varchar', { length: 600, default: '' })
  label!: string;

  /** The account's own concurrency cap (settings-schema's effectiveMaxConnections), across all workers. */
  @Column('int', { default: 3 })
  maxConnections!: number;

  /** Connection-level failures in a row (no greeting, refused, timed out); a success sets it to 0. */
  @Column('int', { default: 0 })
  connectionFailures!: number;

  /** Parked until then: its messages wait aside and take no slot; the first one after it probes. */
  @Column('datetime', { precision: 3, nullable: true })
  parkedUntil!: Date | null;

  /** The error code that parked it (e.g. NO_GREETING), and its text for the admins. */
  @Column('varchar', { length: 40, nullable: true })
  parkReason!: string | null;

  @Column('simple-json', { nullable: true })
  parkMessage!: { fi: string; en: string } | null;

  /** When this account was last given messages: the round-robin serves the longest-waiting first. */
  @Column('datetime', { precision: 3, nullable: true })
  lastClaimedAt!: Date | null;

  @Column('datetime', { precision: 3 })
  updatedAt!: Date;
}
