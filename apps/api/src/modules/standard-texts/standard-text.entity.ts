import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Language, MessageSource } from '@maestro/settings-schema';

@Entity('standard_text')
@Index(['companyId', 'source', 'language', 'name'], { unique: true })
export class StandardTextEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { length: 36 })
  companyId!: string;

  @Column('varchar', { length: 32 })
  source!: MessageSource;

  @Column('varchar', { length: 2 })
  language!: Language;

  @Column('varchar', { length: 100 })
  name!: string;

  @Column('varchar', { length: 998 })
  subject!: string;

  @Column('text')
  body!: string;

  @Column('datetime', { precision: 3 })
  updatedAt!: Date;
}
