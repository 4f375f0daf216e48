export function userRow(id: string, username: string, role: 'ADMIN' | 'USER', overrides: Record<string, unknown> = {}) {
  return { __typename: 'User', id, username, displayName: '', role, active: true, createdAt: '2026-01-01T08:00:00.000Z', ...overrides };
}

export function serviceKeyRow(overrides: Record<string, unknown> = {}) {
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

export function policyRow(source: string, overrides: Record<string, unknown> = {}) {
  return { __typename: 'ModuleSendPolicyType', source, defaultOutput: 'EMAIL', sendMode: 'OPEN_FOR_EDIT', migratedFromSendLater: false, ...overrides };
}
