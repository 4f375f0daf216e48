import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to an idempotency key: a repeat returns these messages and sends nothing new. */
@Entity('idempotency_record')
export class IdempotencyRecordEntity {
  @PrimaryColumn('varchar', { length: 36 })
  companyId!: string;

  @PrimaryColumn('varchar', { length: 200 })
  idempotencyKey!: string;

  /** sha256 of the request: the same key with another payload is refused. */
  @Column('varchar', { length: 64 })
  payloadHash!: string;

  @Column('simple-json')
  messageIds!: string[];

  @Column('datetime', { precision: 3 })
  createdAt!: Date;
}
