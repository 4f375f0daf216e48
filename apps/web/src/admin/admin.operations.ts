import { graphql } from '../gql';

export const UsersQuery = graphql(`
  query Users {
    users {
      ...UserFields
    }
  }
  fragment UserFields on User {
    id
    username
    displayName
    role
    active
    createdAt
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...UserFields
    }
  }
`);

export const UpdateUserMutation = graphql(`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      ...UserFields
    }
  }
`);

export const ServiceKeysQuery = graphql(`
  query ServiceKeys {
    serviceKeys {
      ...ServiceKeyFields
    }
  }
  fragment ServiceKeyFields on ServiceKey {
    id
    name
    module
    defaultUserId
    createdAt
    lastUsedAt
    revokedAt
  }
`);

export const CreateServiceKeyMutation = graphql(`
  mutation CreateServiceKey($input: CreateServiceKeyInput!) {
    createServiceKey(input: $input) {
      key
      serviceKey {
        ...ServiceKeyFields
      }
    }
  }
`);

export const RevokeServiceKeyMutation = graphql(`
  mutation RevokeServiceKey($id: ID!) {
    revokeServiceKey(id: $id) {
      ...ServiceKeyFields
    }
  }
`);

export const SendPoliciesQuery = graphql(`
  query SendPolicies {
    sendPolicies {
      ...SendPolicyFields
    }
  }
  fragment SendPolicyFields on ModuleSendPolicyType {
    source
    defaultOutput
    sendMode
    migratedFromSendLater
  }
`);

export const UpdateSendPolicyMutation = graphql(`
  mutation UpdateSendPolicy($source: MessageSource!, $input: SendPolicyInput!) {
    updateSendPolicy(source: $source, input: $input) {
      ...SendPolicyFields
    }
  }
`);

export const StandardTextsQuery = graphql(`
  query StandardTexts($source: MessageSource, $language: Language) {
    standardTexts(source: $source, language: $language) {
      ...StandardTextFields
    }
  }
  fragment StandardTextFields on StandardTextType {
    id
    source
    language
    name
    subject
    body
    updatedAt
  }
`);

export const UpsertStandardTextMutation = graphql(`
  mutation UpsertStandardText($input: StandardTextInput!) {
    upsertStandardText(input: $input) {
      ...StandardTextFields
    }
  }
`);

export const DeleteStandardTextMutation = graphql(`
  mutation DeleteStandardText($id: ID!) {
    deleteStandardText(id: $id)
  }
`);
