// OAuth2 for SMTP: access tokens for Microsoft 365 (MSAL) and Google Workspace (google-auth-library).
export { createAccessTokenProvider } from './access-token-provider';
export type { AccessTokenProviderOptions } from './access-token-provider';
export { MICROSOFT_AUTHORITY_HOST, MICROSOFT_SMTP_SCOPE } from './microsoft-token-source';
export type { MicrosoftTokenOptions } from './microsoft-token-source';
export { GOOGLE_MAIL_SCOPE, GOOGLE_TOKEN_URL } from './google-token-source';
export type { GoogleTokenOptions } from './google-token-source';
export { OAUTH_FAILURE_MESSAGES, OAUTH_FAILURE_REASONS } from './oauth-failures';
export type { OAuthFailureReason, OAuthProvider } from './oauth-failures';
