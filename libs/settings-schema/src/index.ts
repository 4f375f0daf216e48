// The public door of @maestro/settings-schema: the shared domain model of Maestro Messaging.
export * from './enums';
export * from './fields/field-meta';
export { listFields, secretPaths, secretKeys, redactSecrets, type FieldDescriptor } from './fields/field-list';
export * from './records/message-source';
export * from './records/smtp-account';
export * from './records/company-message-settings';
export * from './records/sms-settings';
export * from './records/user-mail-settings';
export * from './records/module-send-policy';
export * from './records/standard-text';
export * from './validation/problem';
export { validateRecord, toProblems } from './validation/validate';
export * from './validation/record-validators';
export { normalizeHostname } from './addresses/hostname';
export * from './addresses/address-list';
export * from './phone/phone-number';
export * from './warnings/smtp-warnings';
export * from './sms/sms-segments';
