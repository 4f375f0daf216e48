import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Channel, Language, MessageSource, SendMode } from '@maestro/settings-schema';
import type { MessageStatus } from './lifecycle/message-states';

/**
 * One message in the outbox. Stored in the same transaction that accepts it; from then on a
 * dispatcher owns it until it is SENT, FAILED or CANCELLED. Holds no secret: an SMS's gateway
 * password is added only when the e-mail to the gateway is built at send time.
 */
/** What a draft keeps besides the message itself, to open it as its program asked. */
export interface DraftInfo {
  /** How the program wanted it opened: ASK asks Lähetä heti / Avaa muokattavaksi, anything else opens the form. */
  sendMode: SendMode;
  /** Why a "send now" program's message waits for its user instead: INCOMPLETE (no recipients, ...) or HAND_OFF (SMTP sending is off). */
  hold: 'INCOMPLETE' | 'HAND_OFF' | null;
  missingPlaceholders: string[];
  standardTextId: string | null;
  /** The placeholder values, so that choosing another standard text fills it for the same document. */
  variables: Record<string, string>;
}

@Entity('outbound_message')
// Led by the account: the dispatcher's scan seeks each account's earliest due message (migration ClaimGroupIndex).
@Index(['status', 'companyId', 'accountKey', 'nextAttemptAt'])
@Index(['companyId', 'createdAt'])
@Index(['companyId', 'documentRef'])
@Index(['accountKey', 'status'])
export class OutboundMessageEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { length: 36 })
  companyId!: string;

  @Column('varchar', { length: 5 })
  channel!: Channel;

  @Column('varchar', { length: 32 })
  source!: MessageSource;

  @Column('varchar', { length: 200, nullable: true })
  documentRef!: string | null;

  @Column('varchar', { length: 16 })
  status!: MessageStatus;

  /** The user the message is sent as (sender, signature and SMTP account); null = the company. */
  @Index()
  @Column('varchar', { length: 36, nullable: true })
  senderUserId!: string | null;

  /** Who asked for it: a username, or "service key <name>". */
  @Column('varchar', { length: 200 })
  sentBy!: string;

  @Column('varchar', { length: 200, default: '' })
  fromName!: string;

  @Column('varchar', { length: 320 })
  fromAddress!: string;

  /** Formatted addresses (JSON arrays). For SMS, `to` holds the E.164 number. */
  @Column('simple-json')
  toList!: string[];

  @Column('simple-json')
  ccList!: string[];

  @Column('simple-json')
  bccList!: string[];

  @Column('varchar', { length: 998, default: '' })
  subject!: string;

  @Column('text')
  body!: string;

  @Column('varchar', { length: 2 })
  language!: Language;

  /**
   * The sending account (mail-core's sendingQuotaKey) resolved at intake: the unit of fairness and of
   * the concurrency cap. Null for rows stored before it existed (one account per company).
   */
  @Column('varchar', { length: 64, nullable: true })
  accountKey!: string | null;

  /** Set on every part when an account's recipients-per-message limit split one request into several. */
  @Index()
  @Column('varchar', { length: 36, nullable: true })
  splitGroupId!: string | null;

  /** The Message-ID header, chosen once so that a retry re-sends the same id. */
  @Column('varchar', { length: 250 })
  messageId!: string;

  @Column('int', { default: 0 })
  attempts!: number;

  @Column('datetime', { precision: 3 })
  nextAttemptAt!: Date;

  /** After this, a transient failure is final (48 hours by default, counted from acceptance). */
  @Column('datetime', { precision: 3 })
  giveUpAt!: Date;

  /** The dispatcher holding it while SENDING, and until when; an expired lease is taken over. */
  @Column('varchar', { length: 64, nullable: true })
  lockedBy!: string | null;

  @Column('datetime', { precision: 3, nullable: true })
  lockedUntil!: Date | null;

  /** Why it waits without an error, e.g. RATE_LIMIT (odottaa lähetyskiintiötä). */
  @Column('varchar', { length: 32, nullable: true })
  waitReason!: string | null;

  @Column('varchar', { length: 40, nullable: true })
  lastErrorCode!: string | null;

  @Column('simple-json', { nullable: true })
  lastErrorMessage!: { fi: string; en: string } | null;

  @Column('boolean', { nullable: true })
  lastErrorPermanent!: boolean | null;

  /** Recipients the server refused while accepting the message for the others. */
  @Column('simple-json', { nullable: true })
  recipientErrors!: Array<{ address: string; code: string; message: { fi: string; en: string } }> | null;

  /** The server's reply to the message: "250 2.0.0 Ok: queued as …". */
  @Column('varchar', { length: 1000, nullable: true })
  smtpResponse!: string | null;

  /** A DRAFT kept for its user (a module's startSend) until then; past it, the draft is discarded. */
  @Column('datetime', { precision: 3, nullable: true })
  draftExpiresAt!: Date | null;

  @Column('simple-json', { nullable: true })
  draftInfo!: DraftInfo | null;

  @Column('datetime', { precision: 3 })
  createdAt!: Date;

  @Column('datetime', { precision: 3, nullable: true })
  sentAt!: Date | null;

  @Column('datetime', { precision: 3 })
  updatedAt!: Date;
}
