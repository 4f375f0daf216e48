import { graphql } from '../gql';

export const SendingAccountsQuery = graphql(`
  query SendingAccounts {
    sendingAccounts {
      ...SendingAccountFields
    }
  }
  fragment SendingAccountFields on SendingAccount {
    accountKey
    label
    maxConnections
    connectionFailures
    parked
    parkedUntil
    parkReason
    parkMessage
  }
`);

export const ProbeSendingAccountMutation = graphql(`
  mutation ProbeSendingAccount($accountKey: ID!) {
    probeSendingAccount(accountKey: $accountKey) {
      ...SendingAccountFields
    }
  }
`);
