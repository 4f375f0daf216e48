export { buildEmlDraft } from './eml-draft';
export { buildMailtoLink, MAILTO_SAFE_LENGTH, type MailtoLink } from './mailto-link';
