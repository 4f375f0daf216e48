// Dispatch: sending over pooled nodemailer transports, the connection test, and error classification.
export { SmtpDispatcher, createSmtpDispatcher } from './dispatcher';
export type { DispatcherOptions, RecipientRejection, SendFailure, SendOutcome, SendSuccess } from './dispatcher';
export { settleRecipients } from './recipient-results';
export type { RecipientDelivery, RecipientRefusal, RecipientResult } from './recipient-results';
export { verifySmtpAccount } from './verify-smtp-account';
export type { VerifyOptions, VerifyResult, VerifyStage } from './verify-smtp-account';
export { AccessTokenError, OAUTH_PROVIDER_ERROR } from './access-token-error';
export { OPEN_HOST_POLICY, checkSmtpHost, isInternalAddress } from './host-policy';
export type { HostCheck, HostPolicy, LookupAll } from './host-policy';
export { classifySmtpError, makeClassifiedError, sanitizeDetail } from './classify-smtp-error';
export type { ClassifiedError, ClassifyOptions } from './classify-smtp-error';
export { SMTP_ERROR_CODES, SMTP_ERROR_RULES } from './smtp-error-codes';
export type { SmtpErrorCode, SmtpErrorContext, SmtpErrorRule } from './smtp-error-codes';
export { systemClock } from './clock';
export type { Clock } from './clock';
export { DEFAULT_SMTP_TIMEOUTS, ehloNameFor, sendingQuotaKey, transportKey, smtpConnectionOptions } from './smtp-settings';
export { nonAsciiLocalParts } from './smtputf8';
export type { AccessTokenProvider, SmtpTimeouts } from './smtp-settings';
