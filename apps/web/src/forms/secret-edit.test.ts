import { describe, expect, it } from 'vitest';
import { defaultSmtpAccount, smtpAccountSchema } from '@maestro/settings-schema';
import { KEPT_SECRET_PLACEHOLDER, keptSecretPaths, secretForValidation, secretFrom, secretInput, validateKeepingSecrets } from './secret-edit';

const kept = secretFrom(true);
const neverSet = secretFrom(false);

describe('a write-only secret in the record the client validates', () => {
  it('is present when stored and kept, as the server will have it after merging', () => {
    expect(secretForValidation(kept)).toBe(KEPT_SECRET_PLACEHOLDER);
    expect(secretInput(kept)).toBeUndefined();
  });

  it('is present after Vaihda with nothing typed, which keeps the stored one', () => {
    expect(secretForValidation({ ...kept, mode: 'replace', value: '' })).toBe(KEPT_SECRET_PLACEHOLDER);
  });

  it('is missing after Tyhjennä', () => {
    expect(secretForValidation({ ...kept, mode: 'clear' })).toBeNull();
    expect(secretInput({ ...kept, mode: 'clear' })).toBe('');
  });

  it('is missing when never set and nothing is typed', () => {
    expect(secretForValidation(neverSet)).toBeNull();
  });

  it('is validated as typed', () => {
    expect(secretForValidation({ ...kept, mode: 'replace', value: 'uusi' })).toBe('uusi');
    expect(secretForValidation({ ...neverSet, value: 'uusi' })).toBe('uusi');
  });
});

describe('validateKeepingSecrets', () => {
  const google = { ...defaultSmtpAccount(), host: 'smtp.gmail.com', authMethod: 'OAUTH2_GOOGLE', oauthUser: 'myynti@yritys.fi' };

  it('names the secrets a form keeps, from the schema’s secret flag', () => {
    const form = { password: neverSet, oauthClientSecret: kept, oauthServiceAccountKey: { ...kept, mode: 'clear' } };
    expect(keptSecretPaths(smtpAccountSchema, form)).toEqual(['oauthClientSecret']);
  });

  it('does not judge the shape of a kept key file on its stand-in', () => {
    const record = { ...google, oauthServiceAccountKey: secretForValidation(kept) };
    expect(validateKeepingSecrets(smtpAccountSchema, record, { oauthServiceAccountKey: kept })).toEqual({ ok: true });
  });

  it('judges the shape of a key file that was typed', () => {
    const typed = { ...neverSet, value: 'avain.json' };
    const result = validateKeepingSecrets(smtpAccountSchema, { ...google, oauthServiceAccountKey: secretForValidation(typed) }, { oauthServiceAccountKey: typed });
    expect(result.ok ? [] : result.problems.map((p) => [p.path, p.code])).toEqual([['oauthServiceAccountKey', 'SERVICE_ACCOUNT_KEY_INVALID']]);
  });

  it('still reports the problems of every other field', () => {
    const record = { ...google, oauthUser: '', oauthServiceAccountKey: secretForValidation(kept) };
    const result = validateKeepingSecrets(smtpAccountSchema, record, { oauthServiceAccountKey: kept });
    expect(result.ok ? [] : result.problems.map((p) => [p.path, p.code])).toEqual([['oauthUser', 'OAUTH_FIELD_REQUIRED']]);
  });
});
