import { normalizePhoneNumber, parsePhoneList } from './phone-number';

describe('normalizePhoneNumber', () => {
  it.each([
    { form: 'a Finnish mobile number with spaces', input: '040 123 4567', e164: '+358401234567' },
    { form: 'a Finnish mobile number without spaces', input: '0401234567', e164: '+358401234567' },
    { form: 'the international form with +358', input: '+358 40 1234567', e164: '+358401234567' },
    { form: 'the 00 international prefix', input: '00358401234567', e164: '+358401234567' },
    { form: 'dashes', input: '+358-40-123-4567', e164: '+358401234567' },
    { form: 'the trunk zero in parentheses after +358', input: '+358 (0)40 123 4567', e164: '+358401234567' },
    { form: 'no-break spaces and surrounding blanks', input: ' 050\u00a0555\u00a01234 ', e164: '+358505551234' },
    { form: 'a Swedish mobile number', input: '+46 70 123 45 67', e164: '+46701234567' },
  ])('normalizes $form to E.164 as a mobile number', ({ input, e164 }) => {
    expect(normalizePhoneNumber(input)).toEqual({ ok: true, e164, mobile: true });
  });

  it('normalizes a Helsinki landline with the area code in parentheses and marks it not mobile', () => {
    expect(normalizePhoneNumber('(09) 123 4567')).toEqual({ ok: true, e164: '+35891234567', mobile: false });
  });

  it('leaves mobile unknown where the numbering plan does not tell (US numbers)', () => {
    expect(normalizePhoneNumber('+1 650 253 0000')).toEqual({ ok: true, e164: '+16502530000', mobile: null });
  });

  it('reads a national number in the given default country', () => {
    expect(normalizePhoneNumber('070 123 45 67', 'SE')).toEqual({ ok: true, e164: '+46701234567', mobile: true });
  });

  it('refuses letters, naming what was typed', () => {
    const result = normalizePhoneNumber('040-ABC-DEFG');
    expect(result).toEqual({ ok: false, problem: expect.objectContaining({ code: 'INVALID_PHONE' }) });
    expect(!result.ok && result.problem.message.fi).toContain('"040-ABC-DEFG"');
    expect(!result.ok && result.problem.message.en).toContain('"040-ABC-DEFG"');
  });

  it('refuses a number that is too short', () => {
    expect(normalizePhoneNumber('040 123')).toEqual({ ok: false, problem: expect.objectContaining({ code: 'INVALID_PHONE' }) });
  });

  it('refuses a number that is too long', () => {
    expect(normalizePhoneNumber('+358 40 123 4567 9999')).toEqual({ ok: false, problem: expect.objectContaining({ code: 'INVALID_PHONE' }) });
  });

  it('refuses a plus sign in the middle', () => {
    expect(normalizePhoneNumber('040+1234567')).toEqual({ ok: false, problem: expect.objectContaining({ code: 'INVALID_PHONE' }) });
  });

  it('refuses empty text as a missing value', () => {
    expect(normalizePhoneNumber('  ')).toEqual({ ok: false, problem: expect.objectContaining({ code: 'REQUIRED' }) });
  });
});

describe('parsePhoneList', () => {
  it('splits on ; , and line breaks and normalizes every number', () => {
    expect(parsePhoneList('040 123 4567; +46 70 123 45 67,\n050 555 1234\r\n')).toEqual({
      ok: true,
      numbers: ['+358401234567', '+46701234567', '+358505551234'],
    });
  });

  it('drops a number written twice in different forms, keeping the first', () => {
    expect(parsePhoneList('040 123 4567, +358401234567; 00358 40 123 4567')).toEqual({ ok: true, numbers: ['+358401234567'] });
  });

  it('gives an empty list for empty text or only separators', () => {
    expect(parsePhoneList('')).toEqual({ ok: true, numbers: [] });
    expect(parsePhoneList(' ;, \n')).toEqual({ ok: true, numbers: [] });
  });

  it('reports every bad number at once', () => {
    const result = parsePhoneList('040 123 4567; abc; 040 12');
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'INVALID_PHONE' }), expect.objectContaining({ code: 'INVALID_PHONE' })],
    });
    expect(!result.ok && result.problems.map((p) => p.message.en)).toEqual([
      expect.stringContaining('"abc"'),
      expect.stringContaining('"040 12"'),
    ]);
  });

  it('refuses a landline with NOT_MOBILE, since a text message cannot reach it', () => {
    const result = parsePhoneList('040 123 4567; (09) 123 4567');
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'NOT_MOBILE' })] });
    expect(!result.ok && result.problems[0]?.message.fi).toContain('(09) 123 4567');
  });

  it('accepts a number whose type the numbering plan leaves open', () => {
    expect(parsePhoneList('+1 650 253 0000')).toEqual({ ok: true, numbers: ['+16502530000'] });
  });
});
