import { composeMessageSchema, smsMessageSchema } from '../records/compose-message';
import { companyMessageSettingsSchema } from '../records/company-message-settings';
import { moduleSendPolicySchema } from '../records/module-send-policy';
import { smsSettingsSchema } from '../records/sms-settings';
import { smtpAccountSchema } from '../records/smtp-account';
import { standardTextSchema } from '../records/standard-text';
import { userMailSettingsSchema } from '../records/user-mail-settings';
import { validateRecord } from './validate';

/** One validator per record; each returns the parsed value or every problem at once. */
export const validateSmtpAccount = (input: unknown) => validateRecord(smtpAccountSchema, input);
export const validateCompanyMessageSettings = (input: unknown) => validateRecord(companyMessageSettingsSchema, input);
export const validateSmsSettings = (input: unknown) => validateRecord(smsSettingsSchema, input);
export const validateUserMailSettings = (input: unknown) => validateRecord(userMailSettingsSchema, input);
export const validateModuleSendPolicy = (input: unknown) => validateRecord(moduleSendPolicySchema, input);
export const validateStandardText = (input: unknown) => validateRecord(standardTextSchema, input);
export const validateComposeMessage = (input: unknown) => validateRecord(composeMessageSchema, input);
export const validateSmsMessage = (input: unknown) => validateRecord(smsMessageSchema, input);
