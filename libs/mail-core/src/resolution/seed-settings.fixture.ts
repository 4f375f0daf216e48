import {
  defaultCompanyMessageSettings,
  defaultSmsSettings,
  defaultSmtpAccount,
  defaultUserMailSettings,
  type CompanyMessageSettings,
  type SmsSettings,
  type SmtpAccount,
} from '@maestro/settings-schema';
import type { SendingUser } from './effective-sender';

/** The seed's company settings ("Viestiasetukset"), for resolution tests. */
export function seedCompany(overrides: Partial<CompanyMessageSettings> = {}): CompanyMessageSettings {
  return {
    ...defaultCompanyMessageSettings(),
    enabledChannels: 'EMAIL_AND_SMS',
    smtpSendingEnabled: true,
    companyEmail: 'yritys@yritys.fi',
    senderName: 'Yrityksen edustaja',
    smtp: smtp({ host: 'smtp.office365.com', username: 'yritys.tunnus@yritys.fi', password: 'company-secret' }),
    defaultRecipients: 'vakio.asiakas@asiakasyritys.fi',
    ...overrides,
  };
}

/**
 * The seed's user "POMO" ("Sähköposti määrittely"), without an SMTP server of its own unless given;
 * their sender address and name set by an admin (confirmed) unless said otherwise.
 */
export function seedUser(overrides: Partial<SendingUser> = {}): SendingUser {
  return {
    ...defaultUserMailSettings(),
    senderConfirmed: true,
    email: 'oma.nimi@sahkoposti.fi',
    senderName: 'Oma Nimi',
    signatureLines: ['', 'Oma Nimi', 'Testikatu 10', '00120 TESTILÄ', '010-12345678', '', '', ''],
    defaultRecipient: '',
    ...overrides,
  };
}

export function smtp(overrides: Partial<SmtpAccount> = {}): SmtpAccount {
  return { ...defaultSmtpAccount(), ...overrides };
}

/** The seed's "Tekstiviesti lähetykset" tab. */
export function seedSms(overrides: Partial<SmsSettings> = {}): SmsSettings {
  return {
    ...defaultSmsSettings(),
    senderEmail: 'fff@maestro.fi',
    smtp: smtp({ host: 'smtp.office365.com', username: 'fff.maestro@maestro.fi', password: 'sms-smtp-secret' }),
    gatewayAddress: '@smsmail.labyrintti.com',
    gatewayPassword: 'gw-pass',
    phoneNumberPlacement: 'ADDRESS',
    gatewayPasswordPlacement: 'SUBJECT',
    ...overrides,
  };
}
