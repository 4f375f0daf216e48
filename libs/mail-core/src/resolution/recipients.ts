import { mergeAddressLists, parseAddressList, type CompanyMessageSettings, type ParsedAddress, type UserMailSettings } from '@maestro/settings-schema';
import { refusal, type Refusal } from '../refusals';
import type { Mailbox } from '../types';

export type RecipientsResult = { ok: true; recipients: Mailbox[] } | { ok: false; refusal: Refusal };

/**
 * The recipients a draft opens with: the caller's (each text may hold several addresses separated by
 * ; or ,), then the user's default recipient, then the company's default recipients; each address
 * once, compared case-insensitively, the first occurrence and its name kept. Every bad piece is
 * reported at once, so the user fixes them in one go.
 */
export function resolveRecipients(
  callerRecipients: readonly string[],
  user: Pick<UserMailSettings, 'defaultRecipient'> | null,
  company: Pick<CompanyMessageSettings, 'defaultRecipients'>,
): RecipientsResult {
  const lists: ParsedAddress[][] = [];
  const badPieces: string[] = [];
  for (const text of [...callerRecipients, user?.defaultRecipient ?? '', company.defaultRecipients]) {
    const parsed = parseAddressList(text);
    if (parsed.ok) lists.push(parsed.addresses);
    else badPieces.push(...parsed.errors.map((error) => error.piece));
  }
  if (badPieces.length > 0) {
    return { ok: false, refusal: refusal('INVALID_RECIPIENTS', { pieces: badPieces.map((piece) => `"${piece}"`).join(', ') }, badPieces) };
  }
  return { ok: true, recipients: mergeAddressLists(...lists) };
}
