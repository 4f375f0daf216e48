// The public door of @maestro/settings-schema: the shared domain model of Maestro Messaging.
export * from './enums';
export * from './fields/field-meta';
export {
  listFields,
  secretPaths,
  secretKeys,
  redactSecrets,
  secretBindings,
  changedBindingFields,
  bindingValue,
  boundValue,
  valueAtPath,
  type FieldDescriptor,
  type SecretBinding,
} from './fields/field-list';
export * from './records/message-source';
export * from './records/smtp-account';
export * from './records/company-message-settings';
export * from './records/sms-settings';
export * from './records/user-mail-settings';
export * from './records/module-send-policy';
export * from './records/standard-text';
export * from './records/standard-placeholders';
export * from './records/compose-message';
export { MAX_TEXT_BYTES, CONTROL_CHARACTER, isIsoDate } from './fields/common-fields';
export * from './text/visible-text';
export * from './validation/problem';
export { validateRecord, toProblems } from './validation/validate';
export * from './validation/record-validators';
export { normalizeHostname } from './addresses/hostname';
export * from './addresses/address-list';
export * from './phone/phone-number';
export * from './warnings/smtp-warnings';
export * from './sms/sms-segments';
export * from './sms/gateway-templates';
export * from './providers/provider-hosts';
export * from './providers/sign-in-review';
export * from './presets/smtp-presets';
export * from './presets/sms-gateway-presets';
