import { normalizeHostname } from '../addresses/hostname';

/** A gateway is `@domain` (the number goes in front, or elsewhere by placement) or `user@domain`. */
export function parseGatewayAddress(text: string): { localPart: string; domain: string } | null {
  const trimmed = text.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return null;
  const localPart = trimmed.slice(0, at);
  const domain = normalizeHostname(trimmed.slice(at + 1));
  if (domain === null || !domain.includes('.') || /[\s<>",;]/.test(localPart)) return null;
  return { localPart, domain };
}
