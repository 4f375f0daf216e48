// Admin screens' API answers, typed from the generated types like ../test/fixtures.
import type { SendPolicyFieldsFragment, ServiceKeyFieldsFragment, UserFieldsFragment } from '../gql/graphql';
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
