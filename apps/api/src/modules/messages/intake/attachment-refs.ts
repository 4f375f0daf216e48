import { MESSAGE_SOURCE_INFO, type MessageSource, type Problem } from '@maestro/settings-schema';
import type { Caller } from '../../../common/caller';
import type { AttachmentStore } from '../../attachments/attachment-store';
import type { AttachmentEntity } from '../../attachments/attachment.entity';
import { MESSAGE_TEXTS, attachmentsNotAllowed, fieldProblem } from '../messages.errors';

export interface AttachmentRefs {
  /** Each attachment once, in the order the caller named them. */
  ordered: AttachmentEntity[];
  problems: Problem[];
}

/**
 * The uploads a message names, checked: the program must allow attachments (refused outright), each id
 * must be a complete upload the caller may read (AttachmentStore.readableBy: their own, or on a message
 * they may see; never another user's draft), and together they must fit in one message. Problems are
 * numbered by the list as the caller sent it, duplicates included.
 */
export async function checkAttachmentRefs(
  store: AttachmentStore,
  caller: Caller,
  source: MessageSource,
  requested: readonly string[] | null | undefined,
  messageBytes: number,
): Promise<AttachmentRefs> {
  const ids = [...new Set(requested ?? [])];
  if (ids.length > 0 && !MESSAGE_SOURCE_INFO[source].attachmentsAllowed) throw attachmentsNotAllowed();
  const found = await store.readableBy(caller, ids);
  const byId = new Map(found.map((a) => [a.id, a]));
  const problems: Problem[] = [];
  for (const [index, id] of (requested ?? []).entries()) {
    if (!byId.has(id)) problems.push(fieldProblem(`attachmentIds.${index}`, 'INVALID_VALUE', MESSAGE_TEXTS.attachmentNotFound(id)));
  }
  const totalBytes = found.reduce((sum, a) => sum + a.size, 0);
  if (totalBytes > messageBytes) problems.push(fieldProblem('attachmentIds', 'INVALID_VALUE', MESSAGE_TEXTS.attachmentsTooLarge(messageBytes)));
  return { ordered: ids.flatMap((id) => byId.get(id) ?? []), problems };
}
