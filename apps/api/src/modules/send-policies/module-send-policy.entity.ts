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

  /**
   * Kept as text, read through mail-core's resolveSendPolicy (the one fallback). The retired SEND_LATER
   * was rewritten to ASK by the RetireSendLater migration.
   */
  @Column('varchar', { length: 16 })
  sendMode!: string;

  /** Set by the migration on each row whose retired "send later" it turned into ASK, so the admin is told; saving clears it. */
  @Column('boolean', { default: false })
  migratedFromSendLater!: boolean;
}
