import { AccessTokenError, SMTP_ERROR_CODES, SMTP_ERROR_RULES, classifySmtpError, makeClassifiedError, sanitizeDetail } from '../../src/dispatch';

/** A nodemailer-shaped error for a server reply to a command. */
function replyError(command: string, response: string, code = 'EENVELOPE', extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(`failed: ${response}`), { code, command, response, responseCode: Number(response.slice(0, 3)), ...extra });
}

function socketError(originalCode: string, code = 'ESOCKET', extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(`socket ${originalCode}`), { code, originalCode, command: 'CONN', ...extra });
}

describe('server replies', () => {
  it.each([
    ['535 on AUTH', replyError('AUTH PLAIN', '535 5.7.8 Authentication credentials invalid', 'EAUTH'), 'AUTH_FAILED', true],
    ['530 on MAIL FROM', replyError('MAIL FROM', '530 5.7.0 Authentication required'), 'AUTH_REQUIRED', true],
    ['530 asking for STARTTLS', replyError('MAIL FROM', '530 5.7.0 Must issue a STARTTLS command first'), 'STARTTLS_REQUIRED', true],
    ['550 on RCPT TO', replyError('RCPT TO', '550 5.1.1 User unknown'), 'RECIPIENT_REJECTED', true],
    ['554 relay denied on RCPT TO', replyError('RCPT TO', '554 5.7.1 <x@y.fi>: Relay access denied'), 'RELAY_DENIED', true],
    ['452 on RCPT TO', replyError('RCPT TO', '452 4.2.2 Mailbox over quota, try later'), 'RECIPIENT_DEFERRED', false],
    ['452 4.5.3 on RCPT TO', replyError('RCPT TO', '452 4.5.3 Too many recipients'), 'TOO_MANY_RECIPIENTS', false],
    ['553 on MAIL FROM', replyError('MAIL FROM', '553 5.7.1 Sender address rejected: not owned by user'), 'SENDER_REJECTED', true],
    ['552 on DATA', replyError('DATA', '552 5.3.4 Message size exceeds fixed limit', 'EMESSAGE'), 'MESSAGE_TOO_BIG', true],
    ['421 on DATA', replyError('DATA', '421 4.7.0 Try again later, closing connection', 'EMESSAGE'), 'SERVER_BUSY', false],
    ['451 on DATA', replyError('DATA', '451 4.3.0 Mail server temporarily rejected message', 'EMESSAGE'), 'TEMPORARY_FAILURE', false],
    ['554 on DATA', replyError('DATA', '554 5.7.1 Message rejected as spam', 'EMESSAGE'), 'MESSAGE_REJECTED', true],
    ['500 to STARTTLS', replyError('STARTTLS', '500 Error: command not recognized', 'ETLS'), 'STARTTLS_UNAVAILABLE', false],
    ['502 to AUTH', replyError('AUTH PLAIN', '502 5.5.1 AUTH not available', 'EAUTH'), 'AUTH_NOT_OFFERED', true],
    ['454 to AUTH', replyError('AUTH LOGIN', '454 4.7.0 Temporary authentication failure', 'EAUTH'), 'TEMPORARY_FAILURE', false],
  ])('classifies %s', (_label, err, code, permanent) => {
    expect(classifySmtpError(err)).toMatchObject({ code, permanent });
  });

  it('puts the reply code in the message', () => {
    expect(classifySmtpError(replyError('DATA', '451 4.3.0 Local error', 'EMESSAGE')).message.fi).toContain('(451)');
  });

  it('keeps the enhanced status code apart', () => {
    expect(classifySmtpError(replyError('RCPT TO', '550 5.1.1 User unknown'))).toMatchObject({ responseCode: 550, enhancedCode: '5.1.1' });
  });
});

describe('Microsoft 365 and Google replies', () => {
  it('maps 535 5.7.139 (basic auth disabled) to AUTH_BASIC_DISABLED asking to switch to OAuth2', () => {
    const err = replyError('AUTH LOGIN', '535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [AM0PR02CA0001.eurprd02.prod.outlook.com]', 'EAUTH');
    const classified = classifySmtpError(err);
    expect(classified).toMatchObject({ code: 'AUTH_BASIC_DISABLED', permanent: true });
    expect(classified.message.fi).toContain('OAuth2');
  });

  it('maps 535 5.7.139 to an XOAUTH2 login to SMTP_AUTH_DISABLED, not to "switch to OAuth2"', () => {
    const err = replyError('AUTH XOAUTH2', '535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully.', 'EAUTH');
    expect(classifySmtpError(err, { mailbox: 'myynti@yritys.fi' })).toMatchObject({ code: 'SMTP_AUTH_DISABLED', permanent: false, settingsProblem: true });
  });

  it('maps "SmtpClientAuthentication is disabled" to SMTP_AUTH_DISABLED for a password login too: OAuth2 alone would not help', () => {
    const err = replyError('AUTH LOGIN', '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.', 'EAUTH');
    const classified = classifySmtpError(err);
    expect(classified.code).toBe('SMTP_AUTH_DISABLED');
    expect(classified.message.fi).toContain('Set-CASMailbox -Identity <postilaatikko>');
  });

  it('maps a 421 to EHLO or HELO to EHLO_REJECTED, naming the name when known', () => {
    const err = replyError('EHLO', '421 4.7.0 Try again later, closing connection. (EHLO) gsmtp', 'ECONNECTION');
    expect(classifySmtpError(err, { ehloName: '[127.0.0.1]' })).toMatchObject({ code: 'EHLO_REJECTED', settingsProblem: true });
    expect(classifySmtpError(err, { ehloName: '[127.0.0.1]' }).message.en).toContain('"[127.0.0.1]"');
    expect(classifySmtpError(replyError('HELO', '501 5.5.4 Invalid HELO', 'EPROTOCOL')).code).toBe('EHLO_REJECTED');
  });

  it("maps Exchange's 432 4.3.2 thread limit to TOO_MANY_CONNECTIONS", () => {
    expect(classifySmtpError(replyError('MAIL FROM', '432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded')).code).toBe('TOO_MANY_CONNECTIONS');
  });

  it('treats 552 with X.5.3 or "too many recipients" at RCPT TO as a temporary per-transaction limit (RFC 5321 4.5.3.1.10)', () => {
    expect(classifySmtpError(replyError('RCPT TO', '552 5.5.3 Recipient limit reached'))).toMatchObject({ code: 'TOO_MANY_RECIPIENTS', permanent: false });
    expect(classifySmtpError(replyError('RCPT TO', '552 Too many recipients'))).toMatchObject({ code: 'TOO_MANY_RECIPIENTS', permanent: false });
    expect(classifySmtpError(replyError('RCPT TO', '552 5.5.3 Recipient limit reached'), { recipient: 'c@asiakas.fi' }).message.fi).toContain('c@asiakas.fi lähetetään erillisenä');
  });

  it('keeps a 552 on DATA a message too big, whatever its text', () => {
    expect(classifySmtpError(replyError('DATA', '552 5.3.4 Message size exceeds fixed limit', 'EMESSAGE')).code).toBe('MESSAGE_TOO_BIG');
  });

  it('keeps a full mailbox at RCPT TO the recipient’s, not the sender’s', () => {
    expect(classifySmtpError(replyError('RCPT TO', '552 5.2.2 Mailbox full')).code).toBe('RECIPIENT_REJECTED');
  });

  it('maps 550 5.7.30 (basic auth not supported for client submission) to AUTH_BASIC_DISABLED', () => {
    const err = replyError('MAIL FROM', '550 5.7.30 Basic authentication is not supported for Client Submission.');
    expect(classifySmtpError(err)).toMatchObject({ code: 'AUTH_BASIC_DISABLED', permanent: true });
  });

  it('maps 5.7.60 to SEND_AS_DENIED', () => {
    const err = replyError('DATA', '550 5.7.60 SMTP; Client does not have permissions to send as this sender', 'EMESSAGE');
    expect(classifySmtpError(err)).toMatchObject({ code: 'SEND_AS_DENIED', permanent: true, settingsProblem: true });
  });

  it('maps STOREDRV SendAsDenied to SEND_AS_DENIED, not to the quota', () => {
    const err = replyError('DATA', '554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied', 'EMESSAGE');
    expect(classifySmtpError(err)).toMatchObject({ code: 'SEND_AS_DENIED' });
  });

  it('maps 554 5.2.0 STOREDRV quota to a transient DAILY_LIMIT_REACHED with a wait', () => {
    const err = replyError('DATA', '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message', 'EMESSAGE');
    expect(classifySmtpError(err)).toMatchObject({ code: 'DAILY_LIMIT_REACHED', permanent: false, retryAfterMs: 3_600_000 });
  });

  it("maps Google's 550 5.4.5 daily limit to DAILY_LIMIT_REACHED", () => {
    const err = replyError('DATA', '550 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852', 'EMESSAGE');
    expect(classifySmtpError(err)).toMatchObject({ code: 'DAILY_LIMIT_REACHED', permanent: false });
  });

  it("maps Google's 5.7.0 quota reply to DAILY_LIMIT_REACHED", () => {
    const err = replyError('DATA', '550 5.7.0 Daily sending quota exceeded', 'EMESSAGE');
    expect(classifySmtpError(err)).toMatchObject({ code: 'DAILY_LIMIT_REACHED' });
  });

  it("keeps Google's 530 5.7.0 authentication required as AUTH_REQUIRED", () => {
    const err = replyError('MAIL FROM', '530 5.7.0 Authentication Required. For more information, go to https://support.google.com/mail/?p=WantAuthError');
    expect(classifySmtpError(err)).toMatchObject({ code: 'AUTH_REQUIRED' });
  });

  it("maps Google's 534 5.7.9 (application-specific password required) to AUTH_BASIC_DISABLED", () => {
    const err = replyError('AUTH PLAIN', '534 5.7.9 Application-specific password required.', 'EAUTH');
    expect(classifySmtpError(err)).toMatchObject({ code: 'AUTH_BASIC_DISABLED' });
  });
});

describe('OAuth2 logins', () => {
  it('maps a refused XOAUTH2 token (535) to OAUTH_TOKEN_REFUSED about the app permission and mailbox rights, not to a wrong password', () => {
    const error = classifySmtpError(replyError('AUTH XOAUTH2', '535 5.7.3 Authentication unsuccessful', 'EAUTH'));
    expect(error).toMatchObject({ code: 'OAUTH_TOKEN_REFUSED', settingsProblem: true, responseCode: 535 });
    expect(error.message.en).toContain('check that the app may send as the mailbox (the Exchange Online application role Application SMTP.SendAsApp');
    expect(error.message.en).not.toContain('password');
  });

  it('maps a provider failure nodemailer relabelled EAUTH to OAUTH_TOKEN_FAILED with the provider’s advice', () => {
    const failure = new AccessTokenError({ fi: 'Luo uusi salaisuus.', en: 'Create a new secret.' }, 'invalid_client: AADSTS7000215', 'CLIENT_SECRET_INVALID');
    Object.assign(failure, { code: 'EAUTH', originalCode: 'EOAUTH2', command: 'AUTH XOAUTH2' });
    expect(classifySmtpError(failure)).toMatchObject({
      code: 'OAUTH_TOKEN_FAILED',
      permanent: false,
      message: { fi: 'Luo uusi salaisuus.', en: 'Create a new secret.' },
      detail: 'invalid_client: AADSTS7000215',
    });
  });
});

describe('failures without a server reply', () => {
  it.each([
    ['ECONNREFUSED', socketError('ECONNREFUSED'), 'CONNECTION_REFUSED'],
    ['ECONNRESET', socketError('ECONNRESET'), 'CONNECTION_LOST'],
    ['ENOTFOUND', socketError('ENOTFOUND', 'EDNS'), 'UNKNOWN_HOST'],
    ['EAI_AGAIN', socketError('EAI_AGAIN', 'EDNS'), 'DNS_FAILED'],
    ['EHOSTUNREACH', socketError('EHOSTUNREACH'), 'NETWORK_UNREACHABLE'],
    ['a connect timeout', Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT' }), 'TIMEOUT'],
    ['a greeting timeout', Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' }), 'NO_GREETING'],
    ['a self-signed certificate', socketError('DEPTH_ZERO_SELF_SIGNED_CERT'), 'CERT_UNTRUSTED'],
    ['an unknown issuer', socketError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'CERT_UNTRUSTED'],
    ['an expired certificate', socketError('CERT_HAS_EXPIRED'), 'CERT_EXPIRED'],
    ['a wrong host name', socketError('ERR_TLS_CERT_ALTNAME_INVALID'), 'CERT_HOSTNAME_MISMATCH'],
    ['TLS against a plain port', socketError('ERR_SSL_WRONG_VERSION_NUMBER'), 'WRONG_ENCRYPTION'],
    ['another TLS failure', socketError('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'), 'TLS_FAILED'],
    ['missing credentials', Object.assign(new Error('Missing credentials for "PLAIN"'), { code: 'EAUTH', command: 'API' }), 'CREDENTIALS_MISSING'],
    ['a size check before sending', Object.assign(new Error('Message size larger than allowed 1000'), { code: 'EMESSAGE' }), 'MESSAGE_TOO_BIG'],
    ['a thrown string', 'something odd', 'UNKNOWN'],
  ])('classifies %s', (_label, err, code) => {
    expect(classifySmtpError(err).code).toBe(code);
  });

  it('treats every connection-level failure as transient', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_SSL_WRONG_VERSION_NUMBER']) {
      expect(classifySmtpError(socketError(code)).permanent).toBe(false);
    }
  });

  it('names the server in a connection message', () => {
    expect(classifySmtpError(socketError('ECONNREFUSED'), { server: 'smtp.yritys.fi:587' }).message.fi).toContain('smtp.yritys.fi:587');
  });
});

describe('what a message may contain', () => {
  it('never includes a password the server echoes back', () => {
    const err = replyError('AUTH PLAIN', '535 5.7.8 Invalid credentials for user with password Salasana-123', 'EAUTH');
    const classified = classifySmtpError(err, { secrets: ['Salasana-123'] });
    expect(JSON.stringify(classified)).not.toContain('Salasana-123');
  });

  it('never includes base64 credentials of an echoed AUTH line', () => {
    const token = Buffer.from('\u0000u@y.fi\u0000Salasana-123').toString('base64');
    const err = replyError('AUTH PLAIN', `500 5.5.2 Unrecognized command 'AUTH PLAIN ${token}'`, 'EAUTH');
    expect(JSON.stringify(classifySmtpError(err))).not.toContain(token);
  });

  it('drops the whole detail when a very short secret appears in it', () => {
    expect(sanitizeDetail('535 wrong pw ab', ['ab'])).toBe('[redacted]');
  });

  it('puts the server reply on one line', () => {
    const err = replyError('DATA', '554-5.7.1 First line\r\n554 5.7.1 Second line', 'EMESSAGE');
    expect(classifySmtpError(err).detail).toBe('554-5.7.1 First line 554 5.7.1 Second line');
  });

  it('caps a long server reply at 300 characters', () => {
    const err = replyError('DATA', `554 ${'x'.repeat(1000)}`, 'EMESSAGE');
    expect(classifySmtpError(err).detail).toHaveLength(300);
  });
});

it('has a Finnish and an English message for every code', () => {
  for (const code of SMTP_ERROR_CODES) {
    const { message } = makeClassifiedError(code, { responseCode: 550, server: 'smtp.yritys.fi:587', recipient: 'a@b.fi' });
    expect(message.fi.length).toBeGreaterThan(10);
    expect(message.en.length).toBeGreaterThan(10);
    expect(message.fi).not.toBe(message.en);
  }
  expect(Object.keys(SMTP_ERROR_RULES).sort()).toEqual([...SMTP_ERROR_CODES].sort());
});
