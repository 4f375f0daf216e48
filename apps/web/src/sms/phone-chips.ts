// Kept apart from the address chips: phone numbers need libphonenumber's metadata, which the compose
// dialog should not load.
import { PROBLEM_MESSAGES, normalizePhoneNumber } from '@maestro/settings-schema';
import { invalidChip, validChip, type ChipParser } from '../compose/chips';

/** SMS numbers: Finnish or international, each as E.164; a landline is red (a text message cannot reach it). */
export const parsePhoneChips: ChipParser = (text) =>
  text
    .split(/[;,\r\n]/)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '')
    .map((piece) => {
      const result = normalizePhoneNumber(piece);
      if (!result.ok) return invalidChip(piece, result.problem.message);
      if (result.mobile === false) return invalidChip(piece, PROBLEM_MESSAGES.NOT_MOBILE({ piece }));
      return validChip(result.e164);
    });
