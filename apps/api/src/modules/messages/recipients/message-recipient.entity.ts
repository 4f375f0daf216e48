import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RecipientOutcome } from '../lifecycle/message-states';

export type RecipientKind = 'TO' | 'CC' | 'BCC';

/**
 * One recipient of one outbound message and what became of it (lifecycle's RECIPIENT_TRANSITIONS):
 * written with the message's outcome, in the same transaction, by the dispatcher holding the claim.
 * A message without rows says its recipients' results itself (recipientsByMessage): not tried yet
 * (PENDING), or accepted for all at its first attempt, the usual case, which writes no rows until a
 * bounce notice sets one recipient apart.
 */
@Entity('message_recipient')
export class MessageRecipientEntity {
  @PrimaryColumn('varchar', { length: 36 })
  outboundMessageId!: string;

  /** Its place in the message: To first, then Cc, then Bcc, as the lists hold them. */
  @PrimaryColumn('int')
  position!: number;

  @Column('varchar', { length: 36 })
  companyId!: string;

  @Column('varchar', { length: 3 })
  kind!: RecipientKind;

  /** The bare address (an SMS's number in E.164). */
  @Column('varchar', { length: 320 })
  address!: string;

  @Column('varchar', { length: 12 })
  outcome!: RecipientOutcome;

  /** The server's last reply about this recipient ("250 2.0.0 queued as …", "452 4.5.3 …"). */
  @Column('varchar', { length: 1000, nullable: true })
  lastReply!: string | null;

  /** Why it was not accepted: mail-core's error code (RECIPIENT_DEFERRED, TOO_MANY_RECIPIENTS, …). */
  @Column('varchar', { length: 40, nullable: true })
  lastErrorCode!: string | null;

  @Column('simple-json', { nullable: true })
  lastErrorMessage!: { fi: string; en: string } | null;

  /** Transactions this recipient was part of. */
  @Column('int', { default: 0 })
  attempts!: number;

  @Column('datetime', { precision: 3 })
  updatedAt!: Date;
}
