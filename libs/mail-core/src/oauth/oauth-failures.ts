import type { LocalizedText } from '@maestro/settings-schema';
import { AccessTokenError } from '../dispatch/access-token-error';
import { sanitizeDetail } from '../dispatch/classify-smtp-error';

export type OAuthProvider = 'MICROSOFT' | 'GOOGLE';

/** Why a token could not be had, each with what the admin should check on the provider's side. */
export const OAUTH_FAILURE_REASONS = [
  'SETTINGS_INCOMPLETE',
  'TENANT_NOT_FOUND',
  'CLIENT_NOT_FOUND',
  'CLIENT_SECRET_INVALID',
  'CLIENT_SECRET_EXPIRED',
  'CONSENT_MISSING',
  'SERVICE_ACCOUNT_KEY_INVALID',
  'DELEGATION_MISSING',
  'USER_NOT_FOUND',
  'PROVIDER_UNREACHABLE',
  'PROVIDER_REFUSED',
] as const;
export type OAuthFailureReason = (typeof OAUTH_FAILURE_REASONS)[number];

/** One message per reason (and provider, where the advice differs). `satisfies` keeps it exhaustive. */
export const OAUTH_FAILURE_MESSAGES = {
  SETTINGS_INCOMPLETE: (provider) =>
    provider === 'MICROSOFT'
      ? {
          fi: 'OAuth2-asetukset ovat kesken: anna Vuokraajan tunnus (Tenant ID), Sovelluksen tunnus (Client ID), Sovelluksen salaisuus ja Postilaatikko, jonka nimissä lähetetään.',
          en: 'The OAuth2 settings are incomplete: give the Tenant ID, the Client ID, the Client secret and the Mailbox to send as.',
        }
      : {
          fi: 'OAuth2-asetukset ovat kesken: anna Palvelutilin avain (koko JSON-avaintiedosto, jossa on client_email ja private_key) ja Postilaatikko, jonka nimissä lähetetään.',
          en: 'The OAuth2 settings are incomplete: give the Service account key (the whole JSON key file, with client_email and private_key) and the Mailbox to send as.',
        },
  TENANT_NOT_FOUND: () => ({
    fi: 'Microsoft ei tunne vuokraajaa: tarkista Vuokraajan tunnus (Tenant ID) Microsoft Entra -hallintakeskuksen yleiskatsauksesta.',
    en: 'Microsoft does not know the tenant: check the Tenant ID on the Microsoft Entra admin center overview page.',
  }),
  CLIENT_NOT_FOUND: () => ({
    fi: 'Sovellusta ei löydy vuokraajasta: tarkista Sovelluksen tunnus (Application (client) ID) Entra ID:n sovellusrekisteröinnistä ja että rekisteröinti on tässä vuokraajassa.',
    en: 'The application was not found in the tenant: check the Client ID (Application (client) ID) of the app registration in Entra ID, and that the registration is in this tenant.',
  }),
  CLIENT_SECRET_INVALID: () => ({
    fi: 'Microsoft ei hyväksynyt sovelluksen salaisuutta: se on väärä, vanhentunut tai poistettu. Luo sovellusrekisteröinnin kohdassa Certificates & secrets uusi salaisuus ja tallenna sen arvo (Value, ei Secret ID) asetuksiin.',
    en: 'Microsoft did not accept the client secret: it is wrong, expired or revoked. Create a new secret under Certificates & secrets of the app registration and save its Value (not the Secret ID) in the settings.',
  }),
  CLIENT_SECRET_EXPIRED: () => ({
    fi: 'Sovelluksen salaisuus on vanhentunut: luo sovellusrekisteröinnin kohdassa Certificates & secrets uusi salaisuus ja tallenna sen arvo (Value) ja vanhenemispäivä asetuksiin.',
    en: 'The client secret has expired: create a new secret under Certificates & secrets of the app registration and save its Value and expiry date in the settings.',
  }),
  CONSENT_MISSING: () => ({
    fi: 'Sovellukselle ei ole annettu lähetysoikeutta: anna Exchange Onlinessa sovellusrooli Application SMTP.SendAsApp lähettäviin postilaatikoihin rajattuna (App RBAC), tai lisää Entra ID:ssä Office 365 Exchange Online -sovellusoikeus SMTP.SendAsApp ja anna pääkäyttäjän hyväksyntä (Grant admin consent).',
    en: 'The application has not been allowed to send: assign it the Exchange Online application role Application SMTP.SendAsApp scoped to the sending mailboxes (App RBAC), or add the Office 365 Exchange Online application permission SMTP.SendAsApp in Entra ID and grant admin consent.',
  }),
  SERVICE_ACCOUNT_KEY_INVALID: () => ({
    fi: 'Google ei hyväksynyt palvelutilin avainta: avain on vioittunut tai poistettu, tai palvelutili on poistettu käytöstä. Luo palvelutilille uusi JSON-avain ja tallenna se asetuksiin.',
    en: 'Google did not accept the service account key: the key is damaged or deleted, or the service account is disabled. Create a new JSON key for the service account and save it in the settings.',
  }),
  DELEGATION_MISSING: () => ({
    fi: 'Palvelutilillä ei ole toimialueen laajuista valtuutusta: lisää Google Workspacen hallintakonsolissa (Tietoturva › Käyttöoikeuksien ja datan hallinta › API-hallinta › Toimialueen laajuinen valtuutus) palvelutilin asiakastunnukselle laajuus https://mail.google.com/.',
    en: 'The service account has no domain-wide delegation: in the Google Admin console (Security › Access and data control › API controls › Domain-wide delegation) add the scope https://mail.google.com/ for the service account’s client ID.',
  }),
  USER_NOT_FOUND: () => ({
    fi: 'Google ei tunne postilaatikkoa, jonka nimissä lähetetään: tarkista osoite; sen on oltava Google Workspace -toimialueen käyttäjä.',
    en: 'Google does not know the mailbox to send as: check the address; it must be a user of the Google Workspace domain.',
  }),
  PROVIDER_UNREACHABLE: (provider) => ({
    fi: `Kirjautumispalveluun (${provider === 'MICROSOFT' ? 'login.microsoftonline.com' : 'oauth2.googleapis.com'}) ei saatu yhteyttä: tarkista verkkoyhteys ja palomuuri (HTTPS, portti 443). Lähetystä yritetään uudelleen.`,
    en: `Could not reach the sign-in service (${provider === 'MICROSOFT' ? 'login.microsoftonline.com' : 'oauth2.googleapis.com'}): check the network and the firewall (HTTPS, port 443). Sending will be retried.`,
  }),
  PROVIDER_REFUSED: (provider) =>
    provider === 'MICROSOFT'
      ? {
          fi: 'Microsoft ei antanut käyttöoikeustunnusta: tarkista vuokraajan ja sovelluksen tunnus sekä salaisuus ja sen vanhenemispäivä. Palvelun vastaus on lisätiedoissa.',
          en: 'Microsoft issued no access token: check the tenant and client IDs, and the secret and its expiry date. The service’s answer is in the details.',
        }
      : {
          fi: 'Google ei antanut käyttöoikeustunnusta: tarkista palvelutilin avain, toimialueen laajuinen valtuutus (https://mail.google.com/) ja postilaatikon osoite. Palvelun vastaus on lisätiedoissa.',
          en: 'Google issued no access token: check the service account key, the domain-wide delegation (https://mail.google.com/) and the mailbox address. The service’s answer is in the details.',
        },
} satisfies Record<OAuthFailureReason, (provider: OAuthProvider) => LocalizedText>;

/**
 * The error a token source throws: the admin's message for the reason, and the provider's answer
 * (one line, capped, the given secrets removed) as the detail.
 */
export function oauthFailure(reason: OAuthFailureReason, provider: OAuthProvider, detail: string, secrets: ReadonlyArray<string | null | undefined> = []): AccessTokenError {
  return new AccessTokenError(OAUTH_FAILURE_MESSAGES[reason](provider), sanitizeDetail(detail, secrets), reason);
}
