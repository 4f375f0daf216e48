import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ChannelSet, DefaultRecipientField } from '@maestro/settings-schema';
import { SmtpAccountColumns } from './smtp-account.columns';

@Entity('company_message_settings')
export class CompanyMessageSettingsEntity {
  @PrimaryColumn('varchar', { length: 36 })
  companyId!: string;

  @Column('varchar', { length: 16, default: 'NONE' })
  enabledChannels!: ChannelSet;

  @Column('boolean', { default: true })
  smtpSendingEnabled!: boolean;

  @Column('varchar', { length: 320, default: '' })
  companyEmail!: string;

  @Column('varchar', { length: 200, default: '' })
  senderName!: string;

  @Column(() => SmtpAccountColumns, { prefix: 'smtp' })
  smtp!: SmtpAccountColumns;

  @Column('text', { nullable: true })
  defaultRecipients!: string;

  /** To (the seed), Cc or Bcc: where the default recipients go on every message. */
  @Column('varchar', { length: 3, default: 'TO' })
  defaultRecipientsField!: DefaultRecipientField;

  @Column('datetime', { precision: 3 })
  updatedAt!: Date;
}
