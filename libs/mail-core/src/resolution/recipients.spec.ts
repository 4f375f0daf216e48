import { resolveRecipients } from './recipients';
import { seedCompany, seedUser } from './seed-settings.fixture';

const to = (...texts: string[]) => ({ to: texts });

describe('recipients', () => {
  it("lists the caller's recipients, then the user's default, then the company defaults", () => {
    const result = resolveRecipients(
      to('"Virtanen, Matti" <matti@asiakas.fi>; b@y.fi'),
      seedUser({ defaultRecipient: 'oma.kopio@sahkoposti.fi' }),
      seedCompany({ defaultRecipients: 'vakio.asiakas@asiakasyritys.fi, arkisto@yritys.fi' }),
    );
    expect(result).toEqual({
      ok: true,
      recipients: {
        to: [
          { name: 'Virtanen, Matti', address: 'matti@asiakas.fi' },
          { name: '', address: 'b@y.fi' },
          { name: '', address: 'oma.kopio@sahkoposti.fi' },
          { name: '', address: 'vakio.asiakas@asiakasyritys.fi' },
          { name: '', address: 'arkisto@yritys.fi' },
        ],
        cc: [],
        bcc: [],
      },
    });
  });

  it('lists each address once, compared case-insensitively, keeping the first', () => {
    const result = resolveRecipients(
      to('Matti <Matti@Asiakas.fi>', 'matti@asiakas.fi'),
      seedUser({ defaultRecipient: 'MATTI@ASIAKAS.FI' }),
      seedCompany({ defaultRecipients: 'Vakio.Asiakas@asiakasyritys.fi; vakio.asiakas@ASIAKASYRITYS.fi' }),
    );
    expect(result.ok && result.recipients.to).toEqual([
      { name: 'Matti', address: 'Matti@Asiakas.fi' },
      { name: '', address: 'Vakio.Asiakas@asiakasyritys.fi' },
    ]);
  });

  it('pre-fills the company default recipients when the caller gives none', () => {
    const result = resolveRecipients(to(), null, seedCompany());
    expect(result.ok && result.recipients.to).toEqual([{ name: '', address: 'vakio.asiakas@asiakasyritys.fi' }]);
  });

  it('opens with no recipients when nobody gives any', () => {
    expect(resolveRecipients(to('', ' ; '), seedUser(), seedCompany({ defaultRecipients: '' }))).toEqual({ ok: true, recipients: { to: [], cc: [], bcc: [] } });
  });

  it.each([
    ['CC', 'cc'],
    ['BCC', 'bcc'],
  ] as const)('puts the company default recipients in %s when the company says so', (field, key) => {
    const result = resolveRecipients(to('matti@asiakas.fi'), seedUser({ defaultRecipient: 'oma@sahkoposti.fi' }), seedCompany({ defaultRecipientsField: field }));
    expect(result.ok && result.recipients.to.map((m) => m.address)).toEqual(['matti@asiakas.fi', 'oma@sahkoposti.fi']);
    expect(result.ok && result.recipients[key].map((m) => m.address)).toEqual(['vakio.asiakas@asiakasyritys.fi']);
  });

  it('does not add a default recipient the caller already has in another field', () => {
    const result = resolveRecipients({ to: ['matti@asiakas.fi'], cc: ['VAKIO.asiakas@asiakasyritys.fi'] }, null, seedCompany({ defaultRecipientsField: 'BCC' }));
    expect(result.ok && result.recipients).toEqual({ to: [{ name: '', address: 'matti@asiakas.fi' }], cc: [{ name: '', address: 'VAKIO.asiakas@asiakasyritys.fi' }], bcc: [] });
  });

  it("adds nothing when the caller's list is final (EXCLUDE): the person removed the defaults", () => {
    const result = resolveRecipients({ to: ['matti@asiakas.fi'], bcc: ['b@y.fi'] }, seedUser({ defaultRecipient: 'oma@sahkoposti.fi' }), seedCompany(), 'EXCLUDE');
    expect(result.ok && result.recipients).toEqual({ to: [{ name: '', address: 'matti@asiakas.fi' }], cc: [], bcc: [{ name: '', address: 'b@y.fi' }] });
  });

  it('refuses bad caller recipients, naming every bad piece at once, in any field', () => {
    const result = resolveRecipients({ to: ['matti@asiakas, ok@y.fi', 'ei osoite'], bcc: ['b@@y.fi'] }, null, seedCompany());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal.code).toBe('INVALID_RECIPIENTS');
    expect(result.refusal.pieces).toEqual(['matti@asiakas', 'ei osoite', 'b@@y.fi']);
    expect(result.refusal.message.fi).toContain('"matti@asiakas", "ei osoite", "b@@y.fi"');
  });

  it('refuses a recipient text with a line break (header injection)', () => {
    const result = resolveRecipients(to('a@x.fi\r\nBcc: evil@example.com'), null, seedCompany());
    expect(!result.ok && result.refusal.code).toBe('INVALID_RECIPIENTS');
  });
});
