// Admin screens' API answers, typed from the generated types like ../test/fixtures.
import type { SendingAccountFieldsFragment, SendPolicyFieldsFragment, ServiceKeyFieldsFragment, UserFieldsFragment } from '../gql/graphql';
import type { Answer } from '../test/fixtures';

export function userRow(id: string, username: string, role: 'ADMIN' | 'USER', overrides: Partial<Answer<UserFieldsFragment>> = {}): Answer<UserFieldsFragment> {
  return { __typename: 'User', id, username, displayName: '', role, active: true, createdAt: '2026-01-01T08:00:00.000Z', ...overrides };
}

export function serviceKeyRow(overrides: Partial<Answer<ServiceKeyFieldsFragment>> = {}): Answer<ServiceKeyFieldsFragment> {
  return {
    __typename: 'ServiceKey',
    id: 'key-1',
    name: 'Myynnin ERP',
    module: 'sales',
    defaultUserId: null,
    createdAt: '2026-01-01T08:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function policyRow(source: SendPolicyFieldsFragment['source'], overrides: Partial<Answer<SendPolicyFieldsFragment>> = {}): Answer<SendPolicyFieldsFragment> {
  return { __typename: 'ModuleSendPolicyType', source, defaultOutput: 'EMAIL', sendMode: 'OPEN_FOR_EDIT', migratedFromSendLater: false, ...overrides };
}

/** A sending account that works: no failures, no park. */
export function sendingAccountRow(overrides: Partial<Answer<SendingAccountFieldsFragment>> = {}): Answer<SendingAccountFieldsFragment> {
  return {
    __typename: 'SendingAccount',
    accountKey: 'key-working',
    label: 'tuki@yritys.fi @ smtp.yritys.fi:587',
    maxConnections: 3,
    connectionFailures: 0,
    parked: false,
    parkedUntil: null,
    parkReason: null,
    parkMessage: null,
    ...overrides,
  };
}

/** A sending account parked after three connections without a greeting, for another minute. */
export function parkedAccountRow(overrides: Partial<Answer<SendingAccountFieldsFragment>> = {}): Answer<SendingAccountFieldsFragment> {
  return sendingAccountRow({
    accountKey: 'key-parked',
    label: 'myynti@yritys.fi @ smtp.yritys.fi:587',
    connectionFailures: 3,
    parked: true,
    parkedUntil: new Date(Date.now() + 60_000).toISOString(),
    parkReason: 'NO_GREETING',
    parkMessage: 'Palvelin ei vastannut',
    ...overrides,
  });
}
