import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { SmtpAccountColumns } from './smtp-account.columns';

@Entity('user_mail_settings')
export class UserMailSettingsEntity {
  @PrimaryColumn('varchar', { length: 36 })
  userId!: string;

  @Index()
  @Column('varchar', { length: 36 })
  companyId!: string;

  @Column('varchar', { length: 320, default: '' })
  email!: string;

  @Column('varchar', { length: 200, default: '' })
  senderName!: string;

  @Column(() => SmtpAccountColumns, { prefix: 'smtp' })
  smtp!: SmtpAccountColumns;

  @Column('simple-json', { nullable: true })
  signatureLines!: string[];

  @Column('varchar', { length: 320, default: '' })
  defaultRecipient!: string;

  @Column('datetime', { precision: 3 })
  updatedAt!: Date;
}
