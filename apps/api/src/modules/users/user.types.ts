import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Role } from '@maestro/settings-schema';
import { RoleEnum } from '../../graphql/enums';
import type { UserEntity } from './user.entity';

@ObjectType({ description: 'A user of one company.' })
export class User {
  @Field(() => ID) id!: string;
  @Field() username!: string;
  @Field() displayName!: string;
  @Field(() => RoleEnum) role!: Role;
  @Field() active!: boolean;
  @Field() createdAt!: Date;

  /** Copy the public fields only: the entity's password hash has no way into this type. */
  static from(entity: UserEntity): User {
    return Object.assign(new User(), {
      id: entity.id,
      username: entity.username,
      displayName: entity.displayName,
      role: entity.role,
      active: entity.active,
      createdAt: entity.createdAt,
    });
  }
}

@ObjectType()
export class Session {
  @Field({ description: 'Send as Authorization: Bearer <token>.' }) token!: string;
  @Field() expiresAt!: Date;
  @Field(() => User) user!: User;
}

@ObjectType({ description: 'The caller: a user, or a service key acting for its company.' })
export class Me {
  @Field() companyId!: string;
  @Field() companyName!: string;
  @Field(() => User, { nullable: true, description: 'Null when a service key calls without naming a user.' })
  user!: User | null;
  @Field(() => String, { nullable: true }) serviceKeyModule!: string | null;
  @Field(() => Int, { description: 'The most parts one text message may take (the SMS settings), for the SMS counter.' }) smsMaxSegments!: number;
  /** Whose `user` this is (the caller, or a service key's default user): not a field. */
  userId!: string | null;
}

@InputType()
export class CreateUserInput {
  @Field() username!: string;
  @Field({ description: 'At least 12 characters, not a common password.' }) password!: string;
  @Field({ nullable: true }) displayName?: string;
  @Field(() => RoleEnum) role!: Role;
}

@InputType()
export class UpdateUserInput {
  @Field({ nullable: true }) displayName?: string;
  @Field(() => RoleEnum, { nullable: true }) role?: Role;
  @Field({ nullable: true }) active?: boolean;
  @Field({ nullable: true, description: 'A new password: at least 12 characters, not a common password. Ends the user\'s sessions.' }) password?: string;
}

