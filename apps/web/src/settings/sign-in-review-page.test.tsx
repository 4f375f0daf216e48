import { describe, expect, it } from 'vitest';
import type { SignInReviewFieldsFragment } from '../gql/graphql';
import { ADMIN, badUserInput, type Answer } from '../test/fixtures';
import { renderWithApp, screen, within, type Handler } from '../test/test-client';
import { SignInReviewPage } from './sign-in-review-page';

function account(overrides: Partial<Answer<SignInReviewFieldsFragment['accounts'][number]>> = {}): Answer<SignInReviewFieldsFragment['accounts'][number]> {
  return {
    __typename: 'SignInReviewAccount',
    kind: 'COMPANY',
    userId: null,
    userName: null,
    host: 'smtp.office365.com',
    login: 'yritys.tunnus@yritys.fi',
    authMethod: 'PASSWORD',
    clientSecretExpiresAt: '',
    canSwitchToOAuth: true,
    attention: [{ __typename: 'SignInAttentionType', reason: 'PASSWORD_ON_MICROSOFT', message: 'Microsoft poistaa salasanalla kirjautumisen oletuksena käytöstä joulukuun 2026 lopussa.' }],
    ...overrides,
  };
}

function review(accounts: unknown[]) {
  return {
    __typename: 'SignInReviewType',
    basicAuthOffByDefault: '2026-12-31',
    basicAuthOffByDefaultText: 'joulukuun 2026 lopussa',
    basicAuthFinalRemovalText: 'lopullisesti vuoden 2027 jälkipuoliskolla',
    accounts,
  };
}

const USER_ACCOUNT = account({ kind: 'USER', userId: 'user-1', userName: 'Maija Myyjä', login: 'maija@yritys.fi' });
const EXPIRING = account({
  kind: 'SMS',
  authMethod: 'OAUTH2_MICROSOFT',
  login: 'sms@yritys.fi',
  clientSecretExpiresAt: '2027-01-20',
  canSwitchToOAuth: false,
  attention: [{ __typename: 'SignInAttentionType', reason: 'CLIENT_SECRET_EXPIRES_SOON', message: 'Sovelluksen salaisuus vanhenee 2027-01-20.' }],
});

function renderPage(switchHandler: Handler = () => ({ data: { switchToMicrosoftOAuth: review([EXPIRING]) } })) {
  return renderWithApp(<SignInReviewPage />, {
    me: ADMIN,
    handlers: { SignInReview: () => ({ data: { signInReview: review([account(), USER_ACCOUNT, EXPIRING]) } }), SwitchToMicrosoftOAuth: switchHandler },
  });
}

const cards = async () => within(await screen.findByRole('list', { name: 'Salasanoista luopuminen' })).getAllByRole('listitem');

describe('Salasanoista luopuminen', () => {
  it("lists every account that needs the admin, with Microsoft's dates and what to do", async () => {
    renderPage();
    expect(await screen.findByText(/oletuksena käytöstä joulukuun 2026 lopussa ja lopullisesti vuoden 2027 jälkipuoliskolla/)).toBeTruthy();
    const items = await cards();
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual(['Yrityksen sähköposti', 'Käyttäjä: Maija Myyjä', 'Tekstiviestit']);
    expect(within(items[0]!).getByText('yritys.tunnus@yritys.fi')).toBeTruthy();
    expect(within(items[2]!).getByText('Sovelluksen salaisuus vanhenee 2027-01-20.')).toBeTruthy();
    // The switch is offered where it applies: password accounts, not an OAuth2 one with an expiring secret.
    expect(items.map((li) => within(li).queryByRole('button', { name: 'Vaihda OAuth2:een' }) !== null)).toEqual([true, true, false]);
  });

  it("switches a user's account to OAuth2 with the mailbox prefilled, and shows the list as it now stands", async () => {
    const { user, callsOf } = renderPage();
    await user.click(within((await cards())[1]!).getByRole('button', { name: 'Vaihda OAuth2:een' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Postilaatikko, jonka nimissä lähetetään')).toHaveProperty('value', 'maija@yritys.fi');
    await user.type(within(dialog).getByLabelText('Vuokraajan tunnus (Tenant ID)'), 'yritys.onmicrosoft.com');
    await user.type(within(dialog).getByLabelText('Sovelluksen tunnus (Client ID)'), 'client-id');
    await user.type(within(dialog).getByLabelText('Sovelluksen salaisuus (Client secret)'), 'Q~salainen');
    await user.type(within(dialog).getByLabelText('Salaisuus vanhenee'), '2028-12-31');
    await user.click(within(dialog).getByRole('button', { name: 'Vaihda OAuth2:een' }));
    expect(await screen.findByText('Tili vaihdettiin OAuth2-kirjautumiseen.')).toBeTruthy();
    expect(callsOf('SwitchToMicrosoftOAuth')[0]?.variables).toEqual({
      account: 'USER',
      userId: 'user-1',
      input: { oauthTenantId: 'yritys.onmicrosoft.com', oauthClientId: 'client-id', oauthClientSecret: 'Q~salainen', oauthClientSecretExpiresAt: '2028-12-31', oauthUser: 'maija@yritys.fi' },
    });
    expect((await cards()).map((li) => within(li).getByRole('heading').textContent)).toEqual(['Tekstiviestit']);
  });

  it('checks the details before sending, naming what is missing, and sends nothing', async () => {
    const { user, callsOf } = renderPage();
    await user.click(within((await cards())[0]!).getByRole('button', { name: 'Vaihda OAuth2:een' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Vaihda OAuth2:een' }));
    expect(within(dialog).getAllByText(/OAuth2-kirjautuminen tarvitsee tiedon: Vuokraajan tunnus/).length).toBeGreaterThan(0);
    expect(callsOf('SwitchToMicrosoftOAuth')).toEqual([]);
  });

  it("shows the API's refusal beside the field it is about", async () => {
    const { user } = renderPage(() => badUserInput([{ field: 'smtp.oauthClientSecretExpiresAt', code: 'INVALID_DATE', message: '"2028-02-30" ei ole päivämäärä.' }]));
    await user.click(within((await cards())[0]!).getByRole('button', { name: 'Vaihda OAuth2:een' }));
    const dialog = await screen.findByRole('dialog');
    for (const [label, value] of [
      ['Vuokraajan tunnus (Tenant ID)', 't'],
      ['Sovelluksen tunnus (Client ID)', 'c'],
      ['Sovelluksen salaisuus (Client secret)', 's'],
      ['Salaisuus vanhenee', '2028-02-28'],
    ] as const) {
      await user.type(within(dialog).getByLabelText(label), value);
    }
    await user.click(within(dialog).getByRole('button', { name: 'Vaihda OAuth2:een' }));
    expect((await within(dialog).findAllByText('"2028-02-30" ei ole päivämäärä.')).length).toBeGreaterThan(0);
  });

  it('says so when nothing needs doing', async () => {
    renderWithApp(<SignInReviewPage />, { me: ADMIN, handlers: { SignInReview: () => ({ data: { signInReview: review([]) } }) } });
    expect(await screen.findByText(/Kaikki tilit kirjautuvat OAuth2:lla/)).toBeTruthy();
  });
});
