import { ComposeResolver } from '../modules/compose/compose.resolver';
import { ConnectionTestResolver } from '../modules/connection-test/connection-test.resolver';
import { DraftsResolver } from '../modules/messages/drafts/drafts.resolver';
import { MessagesResolver } from '../modules/messages/messages.resolver';
import { SendingAccountsResolver } from '../modules/sending-accounts/sending-accounts.resolver';
import { SentCopyResolver } from '../modules/sent-copies/sent-copy.resolver';
import { BouncesResolver } from '../modules/bounces/bounces.resolver';
import { SendPoliciesResolver } from '../modules/send-policies/send-policies.resolver';
import { ServiceKeysResolver } from '../modules/service-keys/service-keys.resolver';
import { SettingsResolver } from '../modules/settings/settings.resolver';
import { SignInReviewResolver } from '../modules/settings/sign-in-review.resolver';
import { StandardTextsResolver } from '../modules/standard-texts/standard-texts.resolver';
import { MeResolver, UsersResolver } from '../modules/users/users.resolver';

export const RESOLVERS = [UsersResolver, MeResolver, ServiceKeysResolver, SettingsResolver, SignInReviewResolver, SendPoliciesResolver, StandardTextsResolver, ComposeResolver, MessagesResolver, DraftsResolver, ConnectionTestResolver, SentCopyResolver, SendingAccountsResolver, BouncesResolver] as const;
