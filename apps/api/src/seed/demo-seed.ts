import { randomBytes } from 'node:crypto';
import { MESSAGE_SOURCES, defaultSendPolicy } from '@maestro/settings-schema';
import type { Services } from '../app/services';
import { CompanyEntity } from '../modules/companies/company.entity';
import { DEMO_STANDARD_TEXTS } from './demo-standard-texts';

export const DEMO_COMPANY = 'Demo Oy';

export interface DemoSeedResult {
  companyId: string;
  admin: { username: string; password: string; generated: boolean };
  user: { username: string; password: string; generated: boolean };
}

const generatePassword = () => randomBytes(12).toString('base64url');

/**
 * A fresh data dir gets a working demo: the company, an admin and a user, send policies for every
 * program, standard texts, and settings that send to the dev mailbox. Returns null when the
 * database already has a company (nothing is changed then).
 */
export async function seedDemo(services: Services, options: { adminPassword: string | null; devMailboxPort: number }): Promise<DemoSeedResult | null> {
  if ((await services.db.getRepository(CompanyEntity).count()) > 0) return null;
  const company = await services.companies.create(DEMO_COMPANY);
  const adminPassword = options.adminPassword ?? generatePassword();
  const userPassword = generatePassword();
  const admin = await services.users.create(company.id, { username: 'admin', password: adminPassword, displayName: 'Pääkäyttäjä', role: 'ADMIN' });
  const user = await services.users.create(company.id, { username: 'myyja', password: userPassword, displayName: 'Maija Myyjä', role: 'USER' });

  const devMailbox = { host: '127.0.0.1', port: options.devMailboxPort, encryption: 'NONE' as const, authEnabled: false };
  await services.settings.updateCompanySettings(company.id, {
    enabledChannels: 'EMAIL_AND_SMS',
    smtpSendingEnabled: true,
    companyEmail: 'myynti@demo-oy.example',
    senderName: 'Demo Oy',
    smtp: devMailbox,
    defaultRecipients: '',
  });
  await services.settings.updateSmsSettings(company.id, {
    senderEmail: 'sms@demo-oy.example',
    smtp: devMailbox,
    gatewayAddress: '@sms-gateway.demo-oy.example',
    phoneNumberPlacement: 'ADDRESS',
    gatewayPasswordPlacement: 'NONE',
  });
  await services.settings.updateUserSettings(company.id, user.id, {
    email: 'maija.myyja@demo-oy.example',
    senderName: 'Maija Myyjä',
    signatureLines: ['', 'Maija Myyjä', 'Demo Oy', 'Testikatu 10', '00120 TESTILÄ', '010 123 4567', '', ''],
  });
  for (const source of MESSAGE_SOURCES) {
    const policy = defaultSendPolicy(source);
    await services.sendPolicies.update(company.id, source, { defaultOutput: policy.defaultOutput, sendMode: source === 'SHIPPING_LABEL' ? 'SEND_NOW' : policy.sendMode });
  }
  for (const text of DEMO_STANDARD_TEXTS) await services.standardTexts.upsert(company.id, text);
  return {
    companyId: company.id,
    admin: { username: admin.username, password: adminPassword, generated: options.adminPassword === null },
    user: { username: user.username, password: userPassword, generated: true },
  };
}
