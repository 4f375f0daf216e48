import { resolveRecipients } from './recipients';
import { seedCompany, seedUser } from './seed-settings.fixture';

describe('pre-filled recipients', () => {
  it("lists the caller's recipients, then the user's default, then the company defaults", () => {
    const result = resolveRecipients(
      ['"Virtanen, Matti" <matti@asiakas.fi>; b@y.fi'],
      seedUser({ defaultRecipient: 'oma.kopio@sahkoposti.fi' }),
      seedCompany({ defaultRecipients: 'vakio.asiakas@asiakasyritys.fi, arkisto@yritys.fi' }),
    );
    expect(result).toEqual({
      ok: true,
      recipients: [
        { name: 'Virtanen, Matti', address: 'matti@asiakas.fi' },
        { name: '', address: 'b@y.fi' },
        { name: '', address: 'oma.kopio@sahkoposti.fi' },
        { name: '', address: 'vakio.asiakas@asiakasyritys.fi' },
        { name: '', address: 'arkisto@yritys.fi' },
      ],
    });
  });

  it('lists each address once, compared case-insensitively, keeping the first', () => {
    const result = resolveRecipients(
      ['Matti <Matti@Asiakas.fi>', 'matti@asiakas.fi'],
      seedUser({ defaultRecipient: 'MATTI@ASIAKAS.FI' }),
      seedCompany({ defaultRecipients: 'Vakio.Asiakas@asiakasyritys.fi; vakio.asiakas@ASIAKASYRITYS.fi' }),
    );
    expect(result.ok && result.recipients).toEqual([
      { name: 'Matti', address: 'Matti@Asiakas.fi' },
      { name: '', address: 'Vakio.Asiakas@asiakasyritys.fi' },
    ]);
  });

  it('pre-fills the company default recipients when the caller gives none', () => {
    const result = resolveRecipients([], null, seedCompany());
    expect(result.ok && result.recipients).toEqual([{ name: '', address: 'vakio.asiakas@asiakasyritys.fi' }]);
  });

  it('opens with no recipients when nobody gives any', () => {
    expect(resolveRecipients(['', ' ; '], seedUser(), seedCompany({ defaultRecipients: '' }))).toEqual({ ok: true, recipients: [] });
  });

  it('refuses bad caller recipients, naming every bad piece at once', () => {
    const result = resolveRecipients(['matti@asiakas, ok@y.fi', 'ei osoite; b@@y.fi'], null, seedCompany());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal.code).toBe('INVALID_RECIPIENTS');
    expect(result.refusal.pieces).toEqual(['matti@asiakas', 'ei osoite', 'b@@y.fi']);
    expect(result.refusal.message.fi).toContain('"matti@asiakas", "ei osoite", "b@@y.fi"');
  });

  it('refuses a recipient text with a line break (header injection)', () => {
    const result = resolveRecipients(['a@x.fi\r\nBcc: evil@example.com'], null, seedCompany());
    expect(!result.ok && result.refusal.code).toBe('INVALID_RECIPIENTS');
  });
});
