import type { BouncedRecipient } from './bounce-report';
import { decodeXtext, fieldGroups, fieldValue } from './header-fields';
import { oneLine } from './text-bounce';

export interface DeliveryStatus {
  envelopeId?: string;
  reportingMta?: string;
  recipients: BouncedRecipient[];
}

const STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

/** "rfc822; someone@example.com" -> "someone@example.com"; a value without a type is taken as it is. */
function addressOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const address = (value.includes(';') ? value.slice(value.indexOf(';') + 1) : value).trim().replace(/^<|>$/g, '');
  return address || undefined;
}

/** "dns; mx.example.com" -> "mx.example.com". */
function nameOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const name = (value.includes(';') ? value.slice(value.indexOf(';') + 1) : value).trim();
  return name || undefined;
}

/** "smtp; 550 5.1.1 <x@y>... User unknown" -> "550 5.1.1 <x@y>... User unknown". */
function diagnosticOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = oneLine(/^[A-Za-z][\w-]*;/.test(value) ? value.slice(value.indexOf(';') + 1) : value);
  return text || undefined;
}

/**
 * An RFC 3464 `message/delivery-status` body (or RFC 6533's global one): the per-message fields, then
 * one group per recipient. Only `failed` and `delayed` recipients are kept — `delivered`, `relayed` and
 * `expanded` are no bounce. A group without an Action is judged by its Status class (5: failed, 4: delayed).
 */
export function readDeliveryStatus(body: string): DeliveryStatus {
  const [perMessage = [], ...perRecipient] = fieldGroups(body);
  const envid = fieldValue(perMessage, 'original-envelope-id');
  const recipients: BouncedRecipient[] = [];
  for (const group of perRecipient) {
    const address = addressOf(fieldValue(group, 'final-recipient')) ?? addressOf(fieldValue(group, 'original-recipient'));
    if (!address) continue;
    const status = STATUS.exec(fieldValue(group, 'status') ?? '')?.[0];
    const action = (fieldValue(group, 'action') ?? '').toLowerCase().split(/[\s(;]/)[0];
    const kind = action === 'failed' ? 'FAILED' : action === 'delayed' ? 'DELAYED' : !action && status ? (status.startsWith('5') ? 'FAILED' : status.startsWith('4') ? 'DELAYED' : null) : null;
    if (!kind) continue;
    const original = addressOf(fieldValue(group, 'original-recipient'));
    const diagnostic = diagnosticOf(fieldValue(group, 'diagnostic-code'));
    const remoteMta = nameOf(fieldValue(group, 'remote-mta'));
    recipients.push({
      address,
      ...(original && original.toLowerCase() !== address.toLowerCase() ? { originalRecipient: original } : {}),
      action: kind,
      ...(status ? { status } : {}),
      ...(diagnostic ? { diagnostic } : {}),
      ...(remoteMta ? { remoteMta } : {}),
    });
  }
  const reportingMta = nameOf(fieldValue(perMessage, 'reporting-mta'));
  return {
    ...(envid ? { envelopeId: decodeXtext(envid.trim()) } : {}),
    ...(reportingMta ? { reportingMta } : {}),
    recipients,
  };
}
