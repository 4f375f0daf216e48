import { listPlaceholders } from './list-placeholders';

describe('listPlaceholders', () => {
  it('lists every placeholder and section once, in order of appearance', () => {
    const result = listPlaceholders('{{customerName}}: {{documentNumber}} {{#trackingUrl}}{{trackingCode}} {{trackingUrl}}{{/trackingUrl}} {{customerName}} {{{dueDate}}}');
    expect(result).toEqual({ ok: true, names: ['customerName', 'documentNumber', 'trackingUrl', 'trackingCode', 'dueDate'] });
  });

  it('lists nothing for a text without placeholders', () => {
    expect(listPlaceholders('Hei,\nTämä on testilähetys.')).toEqual({ ok: true, names: [] });
  });

  it('gives an error result for a malformed template', () => {
    const result = listPlaceholders('{{unclosed');
    expect(!result.ok && result.refusal.code).toBe('TEMPLATE_SYNTAX');
  });
});
