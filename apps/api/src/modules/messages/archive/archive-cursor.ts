import type { OutboundMessageEntity } from '../outbound-message.entity';
import { invalidCursor } from '../messages.errors';

/** A page ends at a message: its creation time and id, which together order the archive. */
export function encodeCursor(message: Pick<OutboundMessageEntity, 'createdAt' | 'id'>): string {
  return Buffer.from(`${message.createdAt.toISOString()}|${message.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) throw invalidCursor();
  return { createdAt, id };
}
