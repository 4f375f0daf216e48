import { graphql } from '../gql';

export const LoginMutation = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      expiresAt
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      companyId
      companyName
      smsMaxSegments
      user {
        id
        username
        displayName
        role
      }
    }
  }
`);

export const RefreshSessionMutation = graphql(`
  mutation RefreshSession {
    refreshSession {
      token
      expiresAt
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export const ChangeMyPasswordMutation = graphql(`
  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {
    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      token
      expiresAt
    }
  }
`);
