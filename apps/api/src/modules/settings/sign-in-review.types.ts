import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { MicrosoftOAuthDetails, SignInAttentionReason, SmtpAccountKind, SmtpAuthMethod } from '@maestro/settings-schema';
import { SignInAttentionReasonEnum, SmtpAccountKindEnum, SmtpAuthMethodEnum } from '../../graphql/enums';

@ObjectType({ description: 'One thing an account’s sign-in needs done, in the caller’s language.' })
export class SignInAttentionType {
  @Field(() => SignInAttentionReasonEnum) reason!: SignInAttentionReason;
  @Field() message!: string;
}

@ObjectType({ description: 'An SMTP account whose sign-in needs the admin before it stops working.' })
export class SignInReviewAccount {
  @Field(() => SmtpAccountKindEnum, { description: 'COMPANY, SMS, or USER (with userId).' }) kind!: SmtpAccountKind;
  @Field(() => ID, { nullable: true }) userId!: string | null;
  @Field(() => String, { nullable: true, description: 'The user’s name, for USER accounts.' }) userName!: string | null;
  @Field() host!: string;
  @Field({ description: 'The username or mailbox the account signs in as.' }) login!: string;
  @Field(() => SmtpAuthMethodEnum) authMethod!: SmtpAuthMethod;
  @Field({ description: 'YYYY-MM-DD or "".' }) clientSecretExpiresAt!: string;
  @Field({ description: 'A password account on a Microsoft host: the guided switch to OAuth2 applies.' }) canSwitchToOAuth!: boolean;
  @Field(() => [SignInAttentionType]) attention!: SignInAttentionType[];
}

@ObjectType({ description: 'Moving off passwords: Microsoft’s dates and every account that needs the admin.' })
export class SignInReviewType {
  @Field({ description: 'Password sign-in (SMTP AUTH Basic) is off by default for existing tenants from this day.' }) basicAuthOffByDefault!: string;
  @Field({ description: 'When it is off by default, in words.' }) basicAuthOffByDefaultText!: string;
  @Field({ description: 'When it goes for good, in words.' }) basicAuthFinalRemovalText!: string;
  @Field(() => [SignInReviewAccount]) accounts!: SignInReviewAccount[];
}

@InputType({ description: 'What the switch from a password to Microsoft 365 OAuth2 needs; everything else of the account is kept.' })
export class MicrosoftOAuthSwitchInput implements MicrosoftOAuthDetails {
  @Field() oauthTenantId!: string;
  @Field() oauthClientId!: string;
  @Field() oauthClientSecret!: string;
  @Field({ description: 'YYYY-MM-DD, as Entra ID shows it when the secret is made.' }) oauthClientSecretExpiresAt!: string;
  @Field({ description: 'The mailbox to send as; "" takes the account’s username.' }) oauthUser!: string;
}
