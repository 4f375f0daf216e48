import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row that /readyz writes to: a write that commits is the only proof that writes commit. */
@Entity('db_heartbeat')
export class DbHeartbeatEntity {
  @PrimaryColumn('integer')
  id!: number;

  @Column('bigint', { default: 0 })
  beats!: string;

  @Column('datetime', { precision: 3, nullable: true })
  beatAt!: Date | null;
}
