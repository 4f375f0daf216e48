import Mustache from 'mustache';
import { fillSubject, fillTemplate } from './fill-template';

describe('fillTemplate', () => {
  it('fills the standard placeholders from the variables', () => {
    const result = fillTemplate('Tilaus {{documentNumber}}, {{customerName}}: erääntyy {{dueDate}}.', {
      documentNumber: '10023',
      customerName: 'Virtanen Oy',
      dueDate: '31.12.2026',
    });
    expect(result).toEqual({ ok: true, text: 'Tilaus 10023, Virtanen Oy: erääntyy 31.12.2026.', missing: [] });
  });

  it('leaves plain text unescaped: no HTML entities in an e-mail body', () => {
    const result = fillTemplate('Hei {{customerName}}, seuraa: {{trackingUrl}}', {
      customerName: 'R&D "Oy" <Myynti>',
      trackingUrl: 'https://www.posti.fi/fi/seuranta#/lahetys/JJFI12345?lang=fi&x=1',
    });
    expect(result.ok && result.text).toBe('Hei R&D "Oy" <Myynti>, seuraa: https://www.posti.fi/fi/seuranta#/lahetys/JJFI12345?lang=fi&x=1');
  });

  it('does not change Mustache.escape for anyone else', () => {
    const before = Mustache.escape;
    fillTemplate('{{a}}', { a: '<b>' });
    expect(Mustache.escape).toBe(before);
    expect(Mustache.render('{{a}}', { a: '<b>' })).toBe('&lt;b&gt;');
  });

  it('reports a placeholder with no value as missing and leaves it visible in the text', () => {
    const result = fillTemplate('Lähetystunnus {{trackingCode}}, tilaus {{documentNumber}}', { documentNumber: '7' });
    expect(result).toEqual({ ok: true, text: 'Lähetystunnus {{trackingCode}}, tilaus 7', missing: ['trackingCode'] });
  });

  it('counts an empty or blank value as missing, never as silently empty', () => {
    const result = fillTemplate('{{customerName}} / {{dueDate}}', { customerName: '', dueDate: '   ' });
    expect(result.ok && result.missing).toEqual(['customerName', 'dueDate']);
  });

  it('reports a triple-brace placeholder with no value as missing too', () => {
    const result = fillTemplate('Linkki: {{{trackingUrl}}} {{& trackingCode}}', {});
    expect(result).toEqual({ ok: true, text: 'Linkki: {{trackingUrl}} {{trackingCode}}', missing: ['trackingUrl', 'trackingCode'] });
  });

  it('treats a section as optional: skipped without a value and not reported missing', () => {
    const template = 'Kiitos tilauksesta.{{#trackingUrl}} Seuraa lähetystä: {{trackingUrl}}{{/trackingUrl}}';
    expect(fillTemplate(template, {})).toEqual({ ok: true, text: 'Kiitos tilauksesta.', missing: [] });
    expect(fillTemplate(template, { trackingUrl: 'https://t.fi/1' })).toEqual({
      ok: true,
      text: 'Kiitos tilauksesta. Seuraa lähetystä: https://t.fi/1',
      missing: [],
    });
  });

  it('reports what is missing inside a section that renders', () => {
    const result = fillTemplate('{{#trackingCode}}Tunnus {{trackingCode}}, {{customerName}}{{/trackingCode}}', { trackingCode: 'JJFI1' });
    expect(result).toEqual({ ok: true, text: 'Tunnus JJFI1, {{customerName}}', missing: ['customerName'] });
  });

  it('renders an inverted section when its value is missing', () => {
    const result = fillTemplate('{{^dueDate}}Maksettu.{{/dueDate}}', {});
    expect(result).toEqual({ ok: true, text: 'Maksettu.', missing: [] });
  });

  it('does not fill a placeholder from Object.prototype', () => {
    const result = fillTemplate('{{constructor}}{{toString}}', {});
    expect(result).toEqual({ ok: true, text: '{{constructor}}{{toString}}', missing: ['constructor', 'toString'] });
  });

  it('gives a clear error result for an unclosed tag instead of throwing', () => {
    const result = fillTemplate('Tilaus {{documentNumber', { documentNumber: '1' }, 'body');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal.code).toBe('TEMPLATE_SYNTAX');
    expect(result.refusal.message.fi).toContain('Sisällön vakioteksti on virheellinen merkin');
    expect(result.refusal.message.en).toContain('body template is malformed');
  });

  it('gives a clear error result for an unclosed section', () => {
    const result = fillTemplate('{{#trackingUrl}}Seuraa', {});
    expect(!result.ok && result.refusal.code).toBe('TEMPLATE_SYNTAX');
  });

  it('refuses partials and dotted names, which a flat variable map cannot fill', () => {
    const partial = fillTemplate('{{> footer}}', {});
    const dotted = fillTemplate('{{customer.name}}', {});
    expect(!partial.ok && partial.refusal.code).toBe('TEMPLATE_UNSUPPORTED_TAG');
    expect(!dotted.ok && dotted.refusal.message.en).toContain('"{{customer.name}}"');
  });
});

describe('fillSubject', () => {
  it('keeps the subject on one line when a value holds CR/LF', () => {
    const result = fillSubject('Tilausvahvistus {{documentNumber}} – {{customerName}}', {
      documentNumber: '10023',
      customerName: 'Virtanen Oy\r\nBcc: evil@example.com\n',
    });
    expect(result.ok && result.text).toBe('Tilausvahvistus 10023 – Virtanen Oy Bcc: evil@example.com');
  });

  it('flattens Unicode line and paragraph separators too', () => {
    const result = fillSubject('{{a}}', { a: 'yksi\u2028kaksi\u2029kolme\u0085neljä' });
    expect(result.ok && result.text).toBe('yksi kaksi kolme neljä');
  });

  it('names the subject template in a syntax error', () => {
    const result = fillSubject('{{documentNumber', {});
    expect(!result.ok && result.refusal.message.fi).toMatch(/^Otsikon vakioteksti/);
  });
});
