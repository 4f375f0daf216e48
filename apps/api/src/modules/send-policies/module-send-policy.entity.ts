import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MessageSource, OutputKind } from '@maestro/settings-schema';

@Entity('module_send_policy')
export class ModuleSendPolicyEntity {
  @PrimaryColumn('varchar', { length: 36 })
  companyId!: string;

  @PrimaryColumn('varchar', { length: 32 })
  source!: MessageSource;

  @Column('varchar', { length: 8 })
  defaultOutput!: OutputKind;

  /** Kept as text: older data may still say SEND_LATER until the migration has run. */
  @Column('varchar', { length: 16 })
  sendMode!: string;

  /** Set when the retired "send later" was turned into ASK, so the admin is told once. */
  @Column('boolean', { default: false })
  migratedFromSendLater!: boolean;
}
