import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GatewayPasswordPlacement, PhoneNumberPlacement, SmsTemplateMode } from '@maestro/settings-schema';
import { SmtpAccountColumns } from './smtp-account.columns';

@Entity('sms_settings')
export class SmsSettingsEntity {
  @PrimaryColumn('varchar', { length: 36 })
  companyId!: string;

  @Column('varchar', { length: 320, default: '' })
  senderEmail!: string;

  @Column(() => SmtpAccountColumns, { prefix: 'smtp' })
  smtp!: SmtpAccountColumns;

  @Column('varchar', { length: 320, default: '' })
  gatewayAddress!: string;

  @Column('text', { nullable: true })
  gatewayPasswordSealed!: string | null;

  @Column('varchar', { length: 10, default: 'ADDRESS' })
  phoneNumberPlacement!: PhoneNumberPlacement;

  @Column('varchar', { length: 16, default: 'SUBJECT' })
  gatewayPasswordPlacement!: GatewayPasswordPlacement;

  @Column('int', { default: 6 })
  maxSegments!: number;

  @Column('varchar', { length: 8, default: 'SIMPLE' })
  templateMode!: SmsTemplateMode;

  @Column('varchar', { length: 320, default: '' })
  addressTemplate!: string;

  @Column('varchar', { length: 320, default: '' })
  subjectTemplate!: string;

  @Column('varchar', { length: 500, default: '' })
  firstLineTemplate!: string;

  @Column('varchar', { length: 253, default: '' })
  ucs2Domain!: string;

  @Column('datetime', { precision: 3 })
  updatedAt!: Date;
}
