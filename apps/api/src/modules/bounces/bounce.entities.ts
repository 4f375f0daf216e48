import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What one delivery status notification said about one recipient of one of our messages: BOUNCED
 * (permanent, with the remote server's reply) or DELAYED. Kept per notice, so the archive shows the
 * history and the company's bounce rate counts it; the recipient's own outcome follows from it.
 */
@Entity('bounce_event')
@Index(['companyId', 'reportedAt'])
@Index(['outboundMessageId'])
export class BounceEventEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { length: 36 })
  companyId!: string;

  @Column('varchar', { length: 36 })
  outboundMessageId!: string;

  /** The recipient as the message named it, lower case. */
  @Column('varchar', { length: 320 })
  address!: string;

  @Column('varchar', { length: 8 })
  action!: 'BOUNCED' | 'DELAYED';

  /** The enhanced status code, e.g. 5.1.1. */
  @Column('varchar', { length: 16, nullable: true })
  status!: string | null;

  /** The remote server's reply, one line. */
  @Column('varchar', { length: 1000, nullable: true })
  reply!: string | null;

  @Column('varchar', { length: 253, nullable: true })
  remoteMta!: string | null;

  /** The notice's own Message-ID: the same notice read twice records nothing twice. */
  @Column('varchar', { length: 250 })
  noticeKey!: string;

  @Column('datetime', { precision: 3 })
  reportedAt!: Date;
}

/**
 * An address that bounced permanently: sending to it is refused until an admin clears it (a bounce
 * that keeps coming back hurts the sender's reputation with every provider).
 */
@Entity('suppressed_address')
export class SuppressedAddressEntity {
  @PrimaryColumn('varchar', { length: 36 })
  companyId!: string;

  /** Lower case. */
  @PrimaryColumn('varchar', { length: 320 })
  address!: string;

  @Column('varchar', { length: 16, nullable: true })
  status!: string | null;

  @Column('varchar', { length: 1000, nullable: true })
  reply!: string | null;

  /** The message whose bounce put it here. */
  @Column('varchar', { length: 36 })
  outboundMessageId!: string;

  @Column('datetime', { precision: 3 })
  createdAt!: Date;
}

/**
 * The bounce reader's place in one account's inbox, and its lease: one reader per account at a time
 * across all workers. `accountKey` is `company:<id>` or `user:<id>`.
 */
@Entity('bounce_reader')
export class BounceReaderEntity {
  @PrimaryColumn('varchar', { length: 80 })
  accountKey!: string;

  @Column('varchar', { length: 36 })
  companyId!: string;

  @Column('varchar', { length: 64, nullable: true })
  lockedBy!: string | null;

  @Column('datetime', { precision: 3, nullable: true })
  lockedUntil!: Date | null;

  /** The inbox's UIDVALIDITY and the last UID read: the next scan reads only what came after. */
  @Column('varchar', { length: 20, nullable: true })
  uidValidity!: string | null;

  @Column('int', { default: 0 })
  lastUid!: number;

  /** The IMAP server the place is about: another server starts from the beginning. */
  @Column('varchar', { length: 300, default: '' })
  server!: string;

  @Column('datetime', { precision: 3, nullable: true })
  lastRunAt!: Date | null;

  @Column('varchar', { length: 40, nullable: true })
  lastErrorCode!: string | null;
}
