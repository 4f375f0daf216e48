// The public door of @maestro/mail-core: resolution, MIME composition and dispatch.
export * from './types';
export { toMailOptions } from './mime/to-mail-options';
export { escapeHtml, monospaceHtml } from './mime/monospace-html';
export { contentTypeByName } from './mime/content-type-by-name';
export { generateMessageId } from './mime/message-id';
export { buildSentCopy } from './mime/sent-copy';
export { dsnRequest, envelopeIdFor, messageIdForEnvelopeId } from './mime/envelope-id';
export { sendsToSameAddress } from './mime/envelope-address';
export { REFUSAL_CODES, refusal, type Refusal, type RefusalCode, type RefusalParams } from './refusals';
export * from './resolution';
export * from './templates';
export * from './sms';
export * from './handoff';
export * from './dispatch';
export * from './oauth';
export * from './imap';
export * from './bounces';
export * from './sender-auth';
