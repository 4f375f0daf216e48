import { graphql } from '../gql';

export const SignInReviewQuery = graphql(`
  query SignInReview {
    signInReview {
      ...SignInReviewFields
    }
  }
  fragment SignInReviewFields on SignInReviewType {
    basicAuthOffByDefault
    basicAuthOffByDefaultText
    basicAuthFinalRemovalText
    accounts {
      kind
      userId
      userName
      host
      login
      authMethod
      clientSecretExpiresAt
      canSwitchToOAuth
      attention {
        reason
        message
      }
    }
  }
`);

export const SwitchToMicrosoftOAuthMutation = graphql(`
  mutation SwitchToMicrosoftOAuth($account: SmtpAccountKind!, $userId: ID, $input: MicrosoftOAuthSwitchInput!) {
    switchToMicrosoftOAuth(account: $account, userId: $userId, input: $input) {
      ...SignInReviewFields
    }
  }
`);
