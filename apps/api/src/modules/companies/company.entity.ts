import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('company')
export class CompanyEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Index({ unique: true })
  @Column('varchar', { length: 200 })
  name!: string;

  @Column('datetime', { precision: 3 })
  createdAt!: Date;
}
