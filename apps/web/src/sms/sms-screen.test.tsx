import { describe, expect, it } from 'vitest';
import { render, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { USER, outboundMessage } from '../test/fixtures';
import { descriptionOf, renderWithApp, screen, within } from '../test/test-client';
import { SmsCounter } from './sms-counter';
import { SmsScreen } from './sms-screen';

function counterOf(text: string, maxSegments?: number) {
  const { unmount } = render(
    <FluentProvider theme={webLightTheme}>
      <SmsCounter text={text} maxSegments={maxSegments} />
    </FluentProvider>,
  );
  const counter = screen.getByLabelText('Merkkilaskuri');
  const value = (term: string) => within(counter).getByText(term).nextElementSibling?.textContent;
  const read = {
    encoding: value('Merkistö'),
    parts: value('Osia'),
    ...(maxSegments === undefined ? {} : { maxParts: value('Osia enintään') }),
    units: value('Merkkejä'),
    remaining: value('Jäljellä tässä osassa'),
  };
  unmount();
  return read;
}

describe('the SMS segment counter', () => {
  it('fits 160 GSM-7 characters in one part with nothing left', () => {
    expect(counterOf('a'.repeat(160))).toEqual({ encoding: 'GSM-7', parts: '1', units: '160', remaining: '0' });
  });

  it('splits 161 GSM-7 characters into two parts of 153, leaving 145 in the second', () => {
    expect(counterOf('a'.repeat(161))).toEqual({ encoding: 'GSM-7', parts: '2', units: '161', remaining: '145' });
  });

  it('counts € as two GSM-7 characters', () => {
    expect(counterOf('€')).toEqual({ encoding: 'GSM-7', parts: '1', units: '2', remaining: '158' });
    expect(counterOf('a'.repeat(159) + '€')).toMatchObject({ parts: '2', units: '161' });
  });

  it('keeps Finnish letters in GSM-7', () => {
    expect(counterOf('Hyvää päivää, Åsa!')).toMatchObject({ encoding: 'GSM-7', units: '18' });
  });

  it('fits 70 UCS-2 characters in one part and splits 71 into two parts of 67', () => {
    expect(counterOf('ж'.repeat(70))).toEqual({ encoding: 'UCS-2', parts: '1', units: '70', remaining: '0' });
    expect(counterOf('ж'.repeat(71))).toEqual({ encoding: 'UCS-2', parts: '2', units: '71', remaining: '63' });
  });

  it('says nothing is used yet for an empty text', () => {
    expect(counterOf('')).toEqual({ encoding: 'GSM-7', parts: '0', units: '0', remaining: '160' });
  });

  it('shows the most parts a message may take beside the parts used', () => {
    expect(counterOf('a'.repeat(161), 6)).toEqual({ encoding: 'GSM-7', parts: '2', maxParts: '6', units: '161', remaining: '145' });
  });
});

describe('Tekstiviesti', () => {
  function renderSms(smsMaxSegments = USER.smsMaxSegments) {
    return renderWithApp(<SmsScreen />, {
      me: { ...USER, smsMaxSegments },
      handlers: {
        SendSms: ({ input }) => ({
          data: {
            sendSms: ((input as { to: string[] }).to ?? []).map((number, i) =>
              outboundMessage({ id: `sms-${i}`, channel: 'SMS', source: 'CUSTOMER_CARD', status: 'QUEUED', subject: '', to: [number], sentAt: null, smtpResponse: null }),
            ),
          },
        }),
        Message: ({ id }) => ({ data: { message: outboundMessage({ id: String(id), channel: 'SMS', status: 'SENT', subject: '' }) } }),
      },
    });
  }

  it('shows Finnish and international numbers as E.164 chips as they are typed', async () => {
    const { user } = renderSms();
    const input = screen.getByRole('textbox', { name: 'Puhelinnumero' });
    await user.type(input, '040 123 4567');
    expect(descriptionOf(input)).toContain('Numero muodossa +358401234567');
    await user.type(input, '; +46 70 123 45 67;');
    const chips = within(screen.getByRole('list', { name: 'Puhelinnumero' })).getAllByRole('listitem');
    expect(chips.map((c) => c.textContent)).toEqual(['+358401234567', '+46701234567']);
  });

  it('shows a landline and a malformed number red with the reason', async () => {
    const { user } = renderSms();
    const input = screen.getByRole('textbox', { name: 'Puhelinnumero' });
    await user.click(input);
    await user.paste('09 1234 5678, 040-ABC');
    const chips = within(screen.getByRole('list', { name: 'Puhelinnumero' })).getAllByRole('listitem');
    expect(chips.map((c) => c.dataset.invalid)).toEqual(['true', 'true']);
    expect(descriptionOf(input)).toContain('ei ole matkapuhelinnumero');
    expect(descriptionOf(input)).toContain('"040-ABC" ei ole kelvollinen puhelinnumero');
  });

  it('sends the numbers in E.164 with the program and the text, and shows each number’s status', async () => {
    const { user, callsOf } = renderSms();
    await user.click(screen.getByRole('textbox', { name: 'Puhelinnumero' }));
    await user.paste('0401234567, 050 765 4321');
    await user.type(screen.getByRole('textbox', { name: 'Viesti' }), 'Huolto valmis');
    await user.click(screen.getByRole('button', { name: 'Lähetä tekstiviesti' }));
    await waitFor(() => expect(callsOf('SendSms')).toHaveLength(1));
    expect(callsOf('SendSms')[0]?.variables.input).toMatchObject({ source: 'CUSTOMER_CARD', to: ['+358401234567', '+358507654321'], text: 'Huolto valmis' });
    expect(await screen.findByText('2 tekstiviestiä tallennettu lähetettäviksi')).toBeTruthy();
  });

  it('does not send while a number is invalid', async () => {
    const { user, callsOf } = renderSms();
    await user.type(screen.getByRole('textbox', { name: 'Puhelinnumero' }), '12');
    await user.type(screen.getByRole('textbox', { name: 'Viesti' }), 'Hei');
    await user.click(screen.getByRole('button', { name: 'Lähetä tekstiviesti' }));
    expect(await screen.findByText('Korjaa merkityt kentät ennen lähettämistä.')).toBeTruthy();
    expect(descriptionOf(screen.getByRole('textbox', { name: 'Puhelinnumero' }))).toContain('"12" ei ole kelvollinen puhelinnumero');
    expect(callsOf('SendSms')).toHaveLength(0);
  });

  it("shows the company's limit of parts in the counter", () => {
    renderSms(3);
    const counter = screen.getByLabelText('Merkkilaskuri');
    expect(within(counter).getByText('Osia enintään').nextElementSibling?.textContent).toBe('3');
  });

  it('warns under the text, as it is typed, when it needs more parts than allowed', async () => {
    const { user } = renderSms(2);
    const text = screen.getByRole('textbox', { name: 'Viesti' });
    await user.click(text);
    await user.paste('a'.repeat(306));
    expect(descriptionOf(text)).not.toContain('lyhennä tekstiä');
    await user.type(text, 'b');
    expect(descriptionOf(text)).toContain('Teksti vie 3 osaa, mutta viestissä saa olla enintään 2: lyhennä tekstiä.');
  });

  it('sends nothing when the text needs more parts than allowed', async () => {
    const { user, callsOf } = renderSms(1);
    await user.click(screen.getByRole('textbox', { name: 'Puhelinnumero' }));
    await user.paste('0401234567');
    await user.click(screen.getByRole('textbox', { name: 'Viesti' }));
    await user.paste('ж'.repeat(71));
    await user.click(screen.getByRole('button', { name: 'Lähetä tekstiviesti' }));
    expect(await screen.findByText('Korjaa merkityt kentät ennen lähettämistä.')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Viesti' }).getAttribute('aria-invalid')).toBe('true');
    expect(callsOf('SendSms')).toHaveLength(0);
  });

  it('sends a text that takes exactly the allowed parts', async () => {
    const { user, callsOf } = renderSms(2);
    await user.click(screen.getByRole('textbox', { name: 'Puhelinnumero' }));
    await user.paste('0401234567');
    await user.click(screen.getByRole('textbox', { name: 'Viesti' }));
    await user.paste('a'.repeat(306));
    await user.click(screen.getByRole('button', { name: 'Lähetä tekstiviesti' }));
    await waitFor(() => expect(callsOf('SendSms')).toHaveLength(1));
  });
});
