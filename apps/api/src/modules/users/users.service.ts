import type { DataSource } from 'typeorm';
import { problem, type Problem, type Role } from '@maestro/settings-schema';
import { UserFacingError, badInput, notFound } from '../../common/user-facing-error';
import { AUTH_TEXTS } from '../auth/auth.errors';
import { hashPassword, verifyPassword } from '../auth/password-hash';
import { passwordProblems } from '../auth/password-policy';
import { UserEntity } from './user.entity';
import { timeOrderedId } from '../../common/time-ordered-id';

export interface NewUser {
  username: string;
  password: string;
  displayName?: string;
  role: Role;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
  password?: string;
}

const USER = { fi: 'Käyttäjää', en: 'The user' };
const USERNAME = /^[A-Za-z0-9._@-]{2,100}$/;

/** Users of one company. Every method is scoped by the company id it is given. */
export class UsersService {
  constructor(
    private readonly db: DataSource,
    /** Told after a user changes (role, active, password, sessions), so cached callers are dropped. */
    private readonly onChange: () => void = () => undefined,
  ) {}

  list(companyId: string): Promise<UserEntity[]> {
    return this.db.getRepository(UserEntity).find({ where: { companyId }, order: { username: 'ASC' } });
  }

  async get(companyId: string, id: string): Promise<UserEntity> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ companyId, id });
    if (!user) throw notFound(USER);
    return user;
  }

  async create(companyId: string, input: NewUser): Promise<UserEntity> {
    const repo = this.db.getRepository(UserEntity);
    const username = input.username.trim();
    const problems: Problem[] = [...(await passwordProblems(input.password, { userInputs: [username, input.displayName ?? ''] }))];
    // A line break or other control character is refused, not trimmed away: the caller meant something else.
    const hasControl = [...input.username].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127);
    if (hasControl || !USERNAME.test(username)) {
      problems.push({ ...problem('username', 'INVALID_VALUE'), message: { fi: 'Käyttäjätunnus: 2–100 merkkiä, kirjaimia, numeroita ja . _ @ -', en: 'Username: 2–100 characters, letters, digits and . _ @ -' } });
    } else if (await repo.existsBy({ username })) {
      problems.push({ ...problem('username', 'INVALID_VALUE'), message: { fi: 'Käyttäjätunnus on jo käytössä: valitse toinen.', en: 'The username is taken: choose another.' } });
    }
    if ((input.displayName ?? '').length > 200) problems.push(problem('displayName', 'TOO_LONG', { max: 200 }));
    if (problems.length) throw badInput(problems);
    const user = repo.create({
      id: timeOrderedId(),
      companyId,
      username,
      displayName: input.displayName?.trim() ?? '',
      role: input.role,
      passwordHash: await hashPassword(input.password),
      active: true,
      tokenVersion: 0,
      createdAt: new Date(),
    });
    await repo.insert(user);
    return user;
  }

  /**
   * An admin's change to a user. A new password, a role change or deactivation ends the user's
   * sessions: every token issued before carries the old token version.
   */
  async update(companyId: string, id: string, changes: UserChanges): Promise<UserEntity> {
    const user = await this.get(companyId, id);
    const problems: Problem[] = changes.password !== undefined ? await passwordProblems(changes.password, { userInputs: [user.username, user.displayName] }) : [];
    if ((changes.displayName ?? '').length > 200) problems.push(problem('displayName', 'TOO_LONG', { max: 200 }));
    if (problems.length) throw badInput(problems);
    const endsSessions =
      changes.password !== undefined || (changes.role !== undefined && changes.role !== user.role) || (changes.active !== undefined && changes.active !== user.active);
    if (changes.displayName !== undefined) user.displayName = changes.displayName.trim();
    if (changes.role !== undefined) user.role = changes.role;
    if (changes.active !== undefined) user.active = changes.active;
    if (changes.password !== undefined) user.passwordHash = await hashPassword(changes.password);
    if (endsSessions) user.tokenVersion += 1;
    await this.db.getRepository(UserEntity).update(
      { id: user.id, companyId },
      { displayName: user.displayName, role: user.role, active: user.active, passwordHash: user.passwordHash, tokenVersion: user.tokenVersion },
    );
    this.onChange();
    return user;
  }

  /** The user's own password change: the current password first; every earlier session ends. */
  async changeOwnPassword(companyId: string, id: string, current: string, next: string): Promise<UserEntity> {
    const user = await this.get(companyId, id);
    if (!(await verifyPassword(current, user.passwordHash))) {
      throw new UserFacingError('BAD_USER_INPUT', AUTH_TEXTS.currentPasswordWrong(), {
        reason: 'CURRENT_PASSWORD_WRONG',
        fields: [{ field: 'currentPassword', code: 'CURRENT_PASSWORD_WRONG', message: AUTH_TEXTS.currentPasswordWrong() }],
      });
    }
    const problems = await passwordProblems(next, { path: 'newPassword', userInputs: [user.username, user.displayName] });
    if (problems.length) throw badInput(problems);
    if (current === next) {
      throw new UserFacingError('BAD_USER_INPUT', AUTH_TEXTS.samePassword(), {
        reason: 'SAME_PASSWORD',
        fields: [{ field: 'newPassword', code: 'SAME_PASSWORD', message: AUTH_TEXTS.samePassword() }],
      });
    }
    user.passwordHash = await hashPassword(next);
    user.tokenVersion += 1;
    await this.db.getRepository(UserEntity).update({ id: user.id, companyId }, { passwordHash: user.passwordHash, tokenVersion: user.tokenVersion });
    this.onChange();
    return user;
  }

  /** Logout: every token of the user ends, in every process (this one at once, others within the caller cache). */
  async endSessions(companyId: string, id: string): Promise<void> {
    await this.db.getRepository(UserEntity).increment({ id, companyId }, 'tokenVersion', 1);
    this.onChange();
  }
}
