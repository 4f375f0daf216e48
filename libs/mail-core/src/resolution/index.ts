export { resolveSender } from './effective-sender';
export { resolveSmtpAccount, type ResolvedSmtpAccount, type SmtpAccountOwner } from './smtp-account';
export { resolveRecipients, type RecipientsResult } from './recipients';
export { appendSignature, signatureText } from './signature';
export { resolveSendPolicy, type ResolvedSendPolicy } from './send-policy';
export { checkChannel } from './channel';
export { resolveDelivery, type Delivery } from './delivery';
export { resolveDraft, type Draft, type DraftInput, type DraftResult } from './resolve-draft';
export { splitRecipients, type RecipientFields } from './split-recipients';
