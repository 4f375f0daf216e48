import { AttachmentChunkEntity, AttachmentEntity, MessageAttachmentEntity } from '../modules/attachments/attachment.entity';
import { OutboundMessageEntity } from '../modules/messages/outbound-message.entity';
import { MessageRecipientEntity } from '../modules/messages/recipients/message-recipient.entity';
import { SendQuotaEntity } from '../modules/messages/dispatch/send-quota.entity';
import { SendingAccountEntity } from '../modules/messages/dispatch/sending-account.entity';
import { IdempotencyRecordEntity } from '../modules/messages/intake/idempotency-record.entity';
import { CompanyEntity } from '../modules/companies/company.entity';
import { ModuleSendPolicyEntity } from '../modules/send-policies/module-send-policy.entity';
import { ServiceKeyEntity } from '../modules/service-keys/service-key.entity';
import { CompanyMessageSettingsEntity } from '../modules/settings/company-message-settings.entity';
import { SmsSettingsEntity } from '../modules/settings/sms-settings.entity';
import { UserMailSettingsEntity } from '../modules/settings/user-mail-settings.entity';
import { StandardTextEntity } from '../modules/standard-texts/standard-text.entity';
import { UserEntity } from '../modules/users/user.entity';
import { DbHeartbeatEntity } from './heartbeat.entity';
import { SentCopyEntity } from '../modules/sent-copies/sent-copy.entity';
import { BounceEventEntity, BounceReaderEntity, SuppressedAddressEntity } from '../modules/bounces/bounce.entities';

export const ENTITIES = [
  CompanyEntity,
  UserEntity,
  ServiceKeyEntity,
  CompanyMessageSettingsEntity,
  SmsSettingsEntity,
  UserMailSettingsEntity,
  ModuleSendPolicyEntity,
  StandardTextEntity,
  OutboundMessageEntity,
  AttachmentEntity,
  AttachmentChunkEntity,
  MessageAttachmentEntity,
  IdempotencyRecordEntity,
  SendQuotaEntity,
  SendingAccountEntity,
  DbHeartbeatEntity,
  SentCopyEntity,
  MessageRecipientEntity,
  BounceEventEntity,
  SuppressedAddressEntity,
  BounceReaderEntity,
];
