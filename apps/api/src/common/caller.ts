import type { Role } from '@maestro/settings-schema';

/** Who is calling: a logged-in user, or an ERP module with a service key. Always one company. */
export type Caller =
  | { kind: 'USER'; userId: string; companyId: string; role: Role; username: string }
  | { kind: 'SERVICE'; serviceKeyId: string; companyId: string; defaultUserId: string | null; module: string };

/** What a resolver may require of its caller (type-graphql's @Authorized roles). */
export const ACCESS = {
  /** A user with the ADMIN role (the seed's "Järjestelmäasetukset: Saa päivittää"). */
  ADMIN: 'ADMIN',
  /** Any logged-in user of the company, admins included. */
  USER: 'USER',
  /** An ERP module's service key. */
  SERVICE: 'SERVICE',
} as const;
export type Access = (typeof ACCESS)[keyof typeof ACCESS];

export function callerMeets(caller: Caller, access: readonly Access[]): boolean {
  if (caller.kind === 'SERVICE') return access.includes('SERVICE');
  if (access.includes('USER')) return true;
  return access.includes('ADMIN') && caller.role === 'ADMIN';
}

/** Who calls, as one key: a user, or a service key (which acts for no user of its own). */
export function callerKey(caller: Caller): string {
  return caller.kind === 'USER' ? `user:${caller.userId}` : `key:${caller.serviceKeyId}`;
}
