import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { descriptionOf } from '../test/test-client';
import { parseAddressChips, type Chip } from './chips';
import { ChipsField } from './chips-field';

function renderField(initial: Chip[] = []) {
  function Harness() {
    const [state, setState] = useState({ chips: initial, text: '' });
    return <ChipsField label="Vastaanottaja" parse={parseAddressChips} chips={state.chips} text={state.text} onChange={(chips, text) => setState({ chips, text })} />;
  }
  render(
    <FluentProvider theme={webLightTheme}>
      <Harness />
    </FluentProvider>,
  );
  return { user: userEvent.setup(), input: screen.getByRole('textbox', { name: 'Vastaanottaja' }) };
}

const chips = () => within(screen.getByRole('list', { name: 'Vastaanottaja' })).queryAllByRole('listitem');
const chipTexts = () => chips().map((c) => c.textContent);

describe('Vastaanottaja as address chips', () => {
  it('makes three chips of the pasted list a@x.fi; "Virtanen, Matti" <m@y.fi>, c@z.fi', async () => {
    const { user, input } = renderField();
    await user.click(input);
    await user.paste('a@x.fi; "Virtanen, Matti" <m@y.fi>, c@z.fi');
    expect(chipTexts()).toEqual(['a@x.fi', '"Virtanen, Matti" <m@y.fi>', 'c@z.fi']);
    expect(input).toHaveProperty('value', '');
  });

  it('shows an invalid address as a red chip with the reason, between the valid ones', async () => {
    const { user, input } = renderField();
    await user.click(input);
    await user.paste('a@x.fi; matti@yritys, c@z.fi');
    expect(chipTexts()).toEqual(['a@x.fi', 'matti@yritys', 'c@z.fi']);
    const bad = chips()[1] as HTMLElement;
    expect(bad.dataset.invalid).toBe('true');
    expect(chips()[0]?.dataset.invalid).toBeUndefined();
    expect(descriptionOf(bad)).toContain('"matti@yritys" ei ole kelvollinen sähköpostiosoite');
    expect(descriptionOf(input)).toContain('"matti@yritys" ei ole kelvollinen sähköpostiosoite');
  });

  it('removes a chip with its own button, and the reason goes with an invalid one', async () => {
    const { user, input } = renderField();
    await user.click(input);
    await user.paste('a@x.fi; ei osoite; c@z.fi');
    await user.click(screen.getByRole('button', { name: 'Poista ei osoite' }));
    expect(chipTexts()).toEqual(['a@x.fi', 'c@z.fi']);
    expect(descriptionOf(input)).not.toContain('ei osoite');
    await user.click(screen.getByRole('button', { name: 'Poista a@x.fi' }));
    expect(chipTexts()).toEqual(['c@z.fi']);
  });

  it('makes a chip when a separator follows a complete address, but not at the comma inside a quoted name', async () => {
    const { user, input } = renderField();
    await user.type(input, 'a@x.fi;');
    expect(chipTexts()).toEqual(['a@x.fi']);
    await user.type(input, '"Virtanen, Matti" <m@y.fi>');
    expect(chipTexts()).toEqual(['a@x.fi']);
    await user.type(input, ',');
    expect(chipTexts()).toEqual(['a@x.fi', '"Virtanen, Matti" <m@y.fi>']);
  });

  it('turns what is typed into chips on Enter and when leaving the field', async () => {
    const { user, input } = renderField();
    await user.type(input, 'b@y.fi{Enter}');
    expect(chipTexts()).toEqual(['b@y.fi']);
    await user.type(input, 'c@z.fi');
    await user.tab();
    expect(chipTexts()).toEqual(['b@y.fi', 'c@z.fi']);
  });

  it('keeps each recipient once, whatever its case', async () => {
    const { user, input } = renderField();
    await user.click(input);
    await user.paste('a@x.fi; A@X.FI');
    await user.paste('a@x.fi');
    expect(chipTexts()).toEqual(['a@x.fi']);
  });

  it('removes the last chip with Backspace in the empty field', async () => {
    const { user, input } = renderField();
    await user.click(input);
    await user.paste('a@x.fi; b@y.fi');
    await user.keyboard('{Backspace}');
    expect(chipTexts()).toEqual(['a@x.fi']);
  });
});
