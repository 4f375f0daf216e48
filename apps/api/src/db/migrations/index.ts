import { InitialSchema1764000000001 } from './1764000000001-initial-schema';
import { Outbox1764000000002 } from './1764000000002-outbox';
import { SplitGroup1764000000003 } from './1764000000003-split-group';
import { MessageStatusRoom1765000000011 } from './1765000000011-message-status-room';
import { RetireSendLater1765153820417 } from './1765153820417-retire-send-later';
import { DraftsAndDefaultRecipientsField1765153820418 } from './1765153820418-drafts-and-default-recipients-field';
import { UserTokenVersion1765153820419 } from './1765153820419-user-token-version';
import { SecurityHardening1765312848213 } from './1765312848213-security-hardening';
import { ProviderSettings1765384119527 } from './1765384119527-provider-settings';
import { DbHeartbeat1765600000000 } from './1765600000000-db-heartbeat';
import { ImapSettings1796541186928 } from './1796541186928-imap-settings';
import { SentCopy1796541186929 } from './1796541186929-sent-copy';
import { MessageRecipients1796600000000 } from './1796600000000-message-recipients';
import { Bounces1796541186930 } from './1796541186930-bounces';
import { SendingAccounts1796700000000 } from './1796700000000-sending-accounts';
import { ClaimScanIndex1796800000000 } from './1796800000000-claim-scan-index';
import { ClaimGroupIndex1796900000000 } from './1796900000000-claim-group-index';

/** Every migration, in order. A test fails when the entities need a migration this list lacks. */
export const MIGRATIONS = [
  InitialSchema1764000000001,
  Outbox1764000000002,
  SplitGroup1764000000003,
  MessageStatusRoom1765000000011,
  RetireSendLater1765153820417,
  DraftsAndDefaultRecipientsField1765153820418,
  UserTokenVersion1765153820419,
  SecurityHardening1765312848213,
  ProviderSettings1765384119527,
  DbHeartbeat1765600000000,
  ImapSettings1796541186928,
  SentCopy1796541186929,
  Bounces1796541186930,
  MessageRecipients1796600000000,
  SendingAccounts1796700000000,
  ClaimScanIndex1796800000000,
  ClaimGroupIndex1796900000000,
];
