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

  /**
   * Whether an admin set or confirmed `email` and `senderName`. Until then the user sends as the
   * company: addresses users typed themselves before only admins could set them wait here.
   */
  @Column('boolean', { default: false })
  senderConfirmed!: boolean;

  @Column(() => SmtpAccountColumns, { prefix: 'smtp' })
  smtp!: SmtpAccountColumns;

  @Column('simple-json', { nullable: true })
  signatureLines!: string[];

  @Column('varchar', { length: 320, default: '' })
  defaultRecipient!: string;

  @Column('datetime', { precision: 3 })
  updatedAt!: Date;
}
