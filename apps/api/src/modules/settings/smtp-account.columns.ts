import { Column } from 'typeorm';
import type { ImapEncryption, RecipientLimitAction, SmtpAccount, SmtpAuthMethod, SmtpEncryption } from '@maestro/settings-schema';

type SecretKey = 'password' | 'oauthClientSecret' | 'oauthServiceAccountKey';

/**
 * The columns of one SMTP account, embedded in company, SMS and user settings. Names match the
 * domain's fields; each secret field `x` is stored sealed as `xSealed` (see settings-record-mapper).
 */
export class SmtpAccountColumns implements Omit<SmtpAccount, SecretKey> {
  @Column('varchar', { length: 253, default: '' })
  host!: string;

  @Column('boolean', { default: true })
  authEnabled!: boolean;

  @Column('int', { default: 587 })
  port!: number;

  @Column('varchar', { length: 8, default: 'TLS' })
  encryption!: SmtpEncryption;

  @Column('varchar', { length: 320, default: '' })
  username!: string;

  @Column('text', { nullable: true })
  passwordSealed!: string | null;

  @Column('varchar', { length: 20, default: 'PASSWORD' })
  authMethod!: SmtpAuthMethod;

  @Column('varchar', { length: 200, default: '' })
  oauthTenantId!: string;

  @Column('varchar', { length: 200, default: '' })
  oauthClientId!: string;

  @Column('text', { nullable: true })
  oauthClientSecretSealed!: string | null;

  @Column('varchar', { length: 10, default: '' })
  oauthClientSecretExpiresAt!: string;

  @Column('text', { nullable: true })
  oauthServiceAccountKeySealed!: string | null;

  @Column('varchar', { length: 320, default: '' })
  oauthUser!: string;

  @Column('text', { nullable: true })
  caCertificate!: string;

  @Column('int', { nullable: true })
  messagesPerMinute!: number | null;

  @Column('int', { nullable: true })
  recipientsPerMessage!: number | null;

  @Column('int', { nullable: true })
  recipientsPerDay!: number | null;

  @Column('varchar', { length: 8, default: 'SPLIT' })
  recipientLimitAction!: RecipientLimitAction;

  @Column('int', { default: 3 })
  maxConnections!: number;

  @Column('varchar', { length: 253, default: '' })
  ehloName!: string;

  @Column('varchar', { length: 253, default: '' })
  imapHost!: string;

  @Column('int', { default: 993 })
  imapPort!: number;

  @Column('varchar', { length: 8, default: 'SSL' })
  imapEncryption!: ImapEncryption;

  @Column('boolean', { default: true })
  imapAppendToSent!: boolean;

  @Column('varchar', { length: 200, default: '' })
  imapSentFolder!: string;

  @Column('varchar', { length: 200, default: '' })
  imapBounceFolder!: string;
}
