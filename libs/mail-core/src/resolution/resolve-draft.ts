import type { CompanyMessageSettings, Language, MessageSource, StandardText, UserMailSettings } from '@maestro/settings-schema';
import type { Refusal } from '../refusals';
import type { TemplateVariables } from '../templates/fill-template';
import type { RecipientRequest } from './recipients';
import { resolveEmail, type ResolvedEmail } from './resolve-email';
import type { StoredSendPolicy } from './send-policy';

export interface DraftInput {
  source: MessageSource;
  company: CompanyMessageSettings;
  user: UserMailSettings | null;
  policy: StoredSendPolicy | null;
  /** As the caller gave them; each text may hold several addresses separated by ; or ,. */
  recipients: RecipientRequest;
  standardText: Pick<StandardText, 'subject' | 'body'> | null;
  variables: TemplateVariables;
  language: Language;
}

/** What `composeDraft` answers: everything the compose dialog opens with. Holds no secret. */
export type Draft = ResolvedEmail;

export type DraftResult = { ok: true; draft: Draft } | { ok: false; refusal: Refusal };

/**
 * The draft an e-mail opens with: `resolveEmail` with the standard text for subject and body, the
 * default recipients and the user's signature included — what a person then sees, edits and sends.
 */
export function resolveDraft(input: DraftInput): DraftResult {
  const result = resolveEmail({ ...input, defaultRecipients: 'INCLUDE', signature: 'AUTO', subject: null, body: null });
  return result.ok ? { ok: true, draft: result.email } : result;
}
