import type { AttachmentEntity } from '../attachments/attachment.entity';
import type { OutboundMessageEntity } from './outbound-message.entity';

export interface MessageWithAttachments {
  message: OutboundMessageEntity;
  attachments: AttachmentEntity[];
}
