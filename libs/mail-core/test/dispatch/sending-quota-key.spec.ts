import type { SmtpAccount } from '@maestro/settings-schema';
import { sendingQuotaKey, transportKey } from '../../src/dispatch';
import type * as SmtpSettings from '../../src/dispatch/smtp-settings';
import { accountFor } from './dispatch-fixtures';

type Keys = typeof SmtpSettings;

/** The module loaded afresh, as another worker process (or the API after a restart) loads it. */
function loadedAgain(): Keys {
  let keys: Keys | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    keys = require('../../src/dispatch/smtp-settings') as Keys;
  });
  return keys as Keys;
}

const passwordAccount = accountFor({ host: 'smtp.yritys.fi', port: 587 }, { authEnabled: true, username: 'myynti@yritys.fi', password: 'Salasana-123' });

function microsoftAccount(mailbox: string): SmtpAccount {
  return accountFor(
    { host: 'smtp.office365.com', port: 587 },
    { authEnabled: true, authMethod: 'OAUTH2_MICROSOFT', username: '', oauthTenantId: 't', oauthClientId: 'c', oauthClientSecret: 's', oauthUser: mailbox },
  );
}

describe('the key sending limits are counted under', () => {
  it('is the same in every process, so the limits hold across workers and restarts', () => {
    const [first, second] = [loadedAgain(), loadedAgain()];
    expect(first.sendingQuotaKey(passwordAccount)).toBe(second.sendingQuotaKey(passwordAccount));
    // The pool key is salted per process: counting under it would give each worker its own quota.
    expect(first.transportKey(passwordAccount)).not.toBe(second.transportKey(passwordAccount));
  });

  it('stays when the password changes: the provider counts per mailbox', () => {
    expect(sendingQuotaKey({ ...passwordAccount, password: 'Toinen-456' })).toBe(sendingQuotaKey(passwordAccount));
    expect(transportKey({ ...passwordAccount, password: 'Toinen-456' })).not.toBe(transportKey(passwordAccount));
  });

  it('tells apart two OAuth2 mailboxes on the same server, which have no user name', () => {
    expect(sendingQuotaKey(microsoftAccount('myynti@yritys.fi'))).not.toBe(sendingQuotaKey(microsoftAccount('huolto@yritys.fi')));
  });

  it('holds no login name in clear', () => {
    expect(sendingQuotaKey(passwordAccount)).toMatch(/^[0-9a-f]{64}$/);
  });
});
