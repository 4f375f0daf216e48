import {
  mergeAddressLists,
  parseAddressList,
  type CompanyMessageSettings,
  type DefaultRecipientField,
  type ParsedAddress,
  type UserMailSettings,
} from '@maestro/settings-schema';
import { refusal, type Refusal } from '../refusals';
import type { Mailbox } from '../types';
import type { RecipientFields } from './split-recipients';

/**
 * INCLUDE: the server adds the default recipients (the seed: "tulee automaattisesti kaikkiin
 * viesteihin"). EXCLUDE: the caller showed them to a person, who kept or removed them; its list is final.
 */
export const DEFAULT_RECIPIENTS_CHOICES = ['INCLUDE', 'EXCLUDE'] as const;
export type DefaultRecipientsChoice = (typeof DEFAULT_RECIPIENTS_CHOICES)[number];

/** The recipients as a caller gives them: each text may hold several addresses separated by ; or ,. */
export interface RecipientRequest {
  to: readonly string[];
  cc?: readonly string[];
  bcc?: readonly string[];
}

export type RecipientsResult = { ok: true; recipients: RecipientFields } | { ok: false; refusal: Refusal };

const FIELD_OF: Record<DefaultRecipientField, keyof RecipientFields> = { TO: 'to', CC: 'cc', BCC: 'bcc' };

const key = (mailbox: Mailbox) => mailbox.address.toLowerCase();

/**
 * The recipients of a message: the caller's To, Cc and Bcc (each address once per field, compared
 * case-insensitively, the first occurrence and its name kept), then — unless the caller's list is final
 * (EXCLUDE) — the user's default recipient in To and the company's default recipients where the company
 * puts them (To, Cc or Bcc). A default already among the recipients is not added again. Every bad piece
 * of the caller's is reported at once, so the user fixes them in one go.
 */
export function resolveRecipients(
  request: RecipientRequest,
  user: Pick<UserMailSettings, 'defaultRecipient'> | null,
  company: Pick<CompanyMessageSettings, 'defaultRecipients' | 'defaultRecipientsField'>,
  choice: DefaultRecipientsChoice = 'INCLUDE',
): RecipientsResult {
  const badPieces: string[] = [];
  const parse = (texts: readonly string[]): ParsedAddress[] =>
    mergeAddressLists(
      ...texts.map((text) => {
        const parsed = parseAddressList(text);
        if (parsed.ok) return parsed.addresses;
        badPieces.push(...parsed.errors.map((error) => error.piece));
        return [];
      }),
    );
  const fields: RecipientFields = { to: parse(request.to), cc: parse(request.cc ?? []), bcc: parse(request.bcc ?? []) };
  if (choice === 'INCLUDE') {
    const present = new Set([...fields.to, ...fields.cc, ...fields.bcc].map(key));
    const add = (field: keyof RecipientFields, mailboxes: readonly Mailbox[]) => {
      for (const mailbox of mailboxes) {
        if (present.has(key(mailbox))) continue;
        present.add(key(mailbox));
        fields[field].push(mailbox);
      }
    };
    add('to', parse([user?.defaultRecipient ?? '']));
    add(FIELD_OF[company.defaultRecipientsField], parse([company.defaultRecipients]));
  }
  if (badPieces.length > 0) {
    return { ok: false, refusal: refusal('INVALID_RECIPIENTS', { pieces: badPieces.map((piece) => `"${piece}"`).join(', ') }, badPieces) };
  }
  return { ok: true, recipients: fields };
}
