import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A key an ERP module uses to call the API. Only its hash is kept; the key is shown once. */
@Entity('service_key')
export class ServiceKeyEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Index()
  @Column('varchar', { length: 36 })
  companyId!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  /** The ERP module it belongs to (sales, purchases, service, ...). */
  @Column('varchar', { length: 50 })
  module!: string;

  /** The user on whose behalf it sends when a call names none. */
  @Column('varchar', { length: 36, nullable: true })
  defaultUserId!: string | null;

  /** sha256 of the key's secret part: the key has 256 bits of entropy, so a slow hash adds nothing. */
  @Column('varchar', { length: 64 })
  secretHash!: string;

  @Column('datetime', { precision: 3, nullable: true })
  revokedAt!: Date | null;

  @Column('datetime', { precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Column('datetime', { precision: 3 })
  createdAt!: Date;
}
