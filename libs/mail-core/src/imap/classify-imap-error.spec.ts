import { AccessTokenError } from '../dispatch/access-token-error';
import { classifyImapError, makeClassifiedImapError } from './classify-imap-error';
import { IMAP_ERROR_CODES, IMAP_ERROR_RULES } from './imap-error-codes';

/** An error shaped as imapflow makes it for a tagged NO/BAD answer. */
function refusal(responseCode: string | undefined, responseText: string, responseStatus = 'NO') {
  return Object.assign(new Error('Command failed'), { responseStatus, responseText, ...(responseCode ? { serverResponseCode: responseCode } : {}) });
}

function signInFailure(responseText: string, serverResponseCode?: string) {
  return Object.assign(new Error('Command failed'), { authenticationFailed: true, responseText, ...(serverResponseCode ? { serverResponseCode } : {}) });
}

describe('classifyImapError', () => {
  it('has a Finnish and an English message for every code', () => {
    for (const code of IMAP_ERROR_CODES) {
      const { message } = makeClassifiedImapError(code, { server: 'imap.yritys.fi:993', folder: 'Sent' });
      expect(message.fi.length).toBeGreaterThan(20);
      expect(message.en.length).toBeGreaterThan(20);
      expect(message.fi).not.toBe(message.en);
    }
    expect(Object.keys(IMAP_ERROR_RULES).sort()).toEqual([...IMAP_ERROR_CODES].sort());
  });

  it('takes a full mailbox (OVERQUOTA) as transient, retried after an hour at the earliest', () => {
    expect(classifyImapError(refusal('OVERQUOTA', 'Quota exceeded (mailbox for user is full)'))).toMatchObject({
      code: 'MAILBOX_FULL',
      permanent: false,
      retryAfterMs: 3_600_000,
      responseCode: 'OVERQUOTA',
    });
    // Servers without RFC 5530 codes say it in words.
    expect(classifyImapError(refusal(undefined, 'Mailbox is full')).code).toBe('MAILBOX_FULL');
  });

  it('takes a folder that is gone (TRYCREATE, NONEXISTENT) as transient', () => {
    expect(classifyImapError(refusal('TRYCREATE', "Mailbox doesn't exist: Sent"))).toMatchObject({ code: 'FOLDER_GONE', permanent: false });
    expect(classifyImapError(refusal('NONEXISTENT', 'No such mailbox')).code).toBe('FOLDER_GONE');
  });

  it('takes a message too big for the server as permanent', () => {
    expect(classifyImapError(refusal('TOOBIG', 'Message too large'))).toMatchObject({ code: 'MESSAGE_TOO_BIG', permanent: true });
    expect(classifyImapError(Object.assign(new Error('Message content too big for APPENDLIMIT=1000'), { serverResponseCode: 'APPENDLIMIT' })).code).toBe('MESSAGE_TOO_BIG');
  });

  it('takes a missing right on the folder as the admin’s to fix', () => {
    expect(classifyImapError(refusal('NOPERM', 'Permission denied'), { folder: 'Sent' })).toMatchObject({ code: 'NO_PERMISSION', permanent: true, settingsProblem: true });
  });

  it('takes a busy server as transient and any other refusal of the copy as permanent', () => {
    expect(classifyImapError(refusal('UNAVAILABLE', 'Temporary failure')).code).toBe('SERVER_BUSY');
    expect(classifyImapError(refusal(undefined, 'Message refused by policy'))).toMatchObject({ code: 'APPEND_REFUSED', permanent: true });
    expect(classifyImapError(refusal(undefined, 'Error in IMAP command', 'BAD'))).toMatchObject({ code: 'PROTOCOL_ERROR', permanent: false });
  });

  it('tells a wrong password, an app-password demand and login only over TLS apart', () => {
    expect(classifyImapError(signInFailure('Authentication failed.', 'AUTHENTICATIONFAILED'))).toMatchObject({ code: 'AUTH_FAILED', permanent: true });
    expect(classifyImapError(signInFailure('[ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833')).code).toBe('AUTH_BASIC_DISABLED');
    expect(classifyImapError(signInFailure('Login is disabled')).code).toBe('LOGIN_DISABLED');
    expect(classifyImapError(signInFailure('Plaintext authentication disallowed on non-secure connections', 'PRIVACYREQUIRED')).code).toBe('LOGIN_DISABLED');
  });

  it('takes a refused sign-in of an OAuth2 account as a refused token', () => {
    expect(classifyImapError(signInFailure('AUTHENTICATE failed.'), { oauth2: true })).toMatchObject({ code: 'OAUTH_TOKEN_REFUSED', permanent: false, settingsProblem: true });
  });

  it('passes the token provider’s own advice through', () => {
    const err = new AccessTokenError({ fi: 'Tarkista asiakassalaisuus', en: 'Check the client secret' }, 'AADSTS7000215: Invalid client secret provided.', 'CLIENT_SECRET_INVALID');
    expect(classifyImapError(err)).toMatchObject({ code: 'OAUTH_TOKEN_FAILED', message: { en: 'Check the client secret' } });
  });

  it('reads network and TLS failures by their codes', () => {
    expect(classifyImapError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).code).toBe('CONNECTION_REFUSED');
    expect(classifyImapError(Object.assign(new Error('getaddrinfo ENOTFOUND imap.yritys.fi'), { code: 'ENOTFOUND' }))).toMatchObject({ code: 'UNKNOWN_HOST', settingsProblem: true });
    expect(classifyImapError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).code).toBe('CERT_UNTRUSTED');
    expect(classifyImapError(Object.assign(new Error('Failed to receive greeting from server in required time'), { code: 'GREETING_TIMEOUT' })).code).toBe('NO_GREETING');
    expect(classifyImapError(Object.assign(new Error('Server does not support STARTTLS'), { tlsFailed: true })).code).toBe('STARTTLS_UNAVAILABLE');
    expect(classifyImapError(Object.assign(new Error('Connection not available'), { code: 'NoConnection' })).code).toBe('CONNECTION_LOST');
  });

  it('never lets a secret or its base64 form into the detail', () => {
    const secret = 'Salainen-Token-123';
    const err = refusal(undefined, `AUTHENTICATE XOAUTH2 ${Buffer.from(secret).toString('base64')} refused for ${secret}`);
    const detail = classifyImapError(err, { secrets: [secret] }).detail;
    expect(detail).not.toContain(secret);
    expect(detail).not.toContain(Buffer.from(secret).toString('base64'));
  });

  it('classifies a thrown string without throwing itself', () => {
    expect(classifyImapError('something odd')).toMatchObject({ code: 'UNKNOWN', permanent: false, detail: 'something odd' });
  });
});
