import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '@maestro/settings-schema';

@Entity('app_user')
export class UserEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Index()
  @Column('varchar', { length: 36 })
  companyId!: string;

  /** Login names are unique across companies: `login` takes only a username. */
  @Index({ unique: true })
  @Column('varchar', { length: 100 })
  username!: string;

  @Column('varchar', { length: 200, default: '' })
  displayName!: string;

  @Column('varchar', { length: 10 })
  role!: Role;

  /** scrypt hash; never mapped to a GraphQL type. */
  @Column('varchar', { length: 255 })
  passwordHash!: string;

  @Column('boolean', { default: true })
  active!: boolean;

  /** Raised by a password change or reset, a role change, deactivation and logout: older tokens end. */
  @Column('int', { default: 0 })
  tokenVersion!: number;

  @Column('datetime', { precision: 3 })
  createdAt!: Date;
}
