import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** PENDING: to be filed (first try, or a retry at nextAttemptAt). DONE: in the Sent folder. FAILED: given up, with the reason. */
export const SENT_COPY_STATUSES = ['PENDING', 'DONE', 'FAILED'] as const;
export type SentCopyStatus = (typeof SENT_COPY_STATUSES)[number];

/**
 * The Sent-folder copy of one sent message: a step of its own after the SMTP server accepted the
 * message, with its own attempts, backoff and lease, so a failing APPEND is retried without ever
 * touching the message's own state (it is never sent again). One row per message that went out through
 * an account with an IMAP server and the copy switched on.
 */
@Entity('sent_copy')
@Index(['status', 'nextAttemptAt'])
export class SentCopyEntity {
  /** The outbound message's id. */
  @PrimaryColumn('varchar', { length: 36 })
  messageId!: string;

  @Index()
  @Column('varchar', { length: 36 })
  companyId!: string;

  @Column('varchar', { length: 8 })
  status!: SentCopyStatus;

  @Column('int', { default: 0 })
  attempts!: number;

  @Column('datetime', { precision: 3 })
  nextAttemptAt!: Date;

  /** Past it, a copy that still fails for a transient reason is given up. */
  @Column('datetime', { precision: 3 })
  giveUpAt!: Date;

  @Column('varchar', { length: 64, nullable: true })
  lockedBy!: string | null;

  @Column('datetime', { precision: 3, nullable: true })
  lockedUntil!: Date | null;

  /** mail-core's IMAP error code of the last failure (AUTH_FAILED, MAILBOX_FULL, ...). */
  @Column('varchar', { length: 40, nullable: true })
  lastErrorCode!: string | null;

  @Column('simple-json', { nullable: true })
  lastErrorMessage!: { fi: string; en: string } | null;

  /** The folder the copy was filed in, as the server names it. */
  @Column('varchar', { length: 500, nullable: true })
  folder!: string | null;

  @Column('datetime', { precision: 3 })
  createdAt!: Date;

  @Column('datetime', { precision: 3, nullable: true })
  doneAt!: Date | null;
}
