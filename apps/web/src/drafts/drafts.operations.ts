import { graphql } from '../gql';

export const DraftFieldsFragment = graphql(`
  fragment DraftFields on MessageDraft {
    id
    source
    documentRef
    from {
      name
      address
      formatted
    }
    to {
      name
      address
      formatted
    }
    cc {
      name
      address
      formatted
    }
    bcc {
      name
      address
      formatted
    }
    subject
    body
    language
    attachments {
      id
      filename
      size
      contentType
      sha256
    }
    attachmentsAllowed
    sendMode
    hold
    delivery
    missingPlaceholders
    standardTextId
    variables
    createdBy
    createdAt
    expiresAt
  }
`);

export const DraftQuery = graphql(`
  query Draft($id: ID!) {
    draft(id: $id) {
      ...DraftFields
    }
  }
`);

export const DraftsQuery = graphql(`
  query Drafts {
    drafts {
      id
      source
      documentRef
      subject
      to {
        formatted
      }
      createdBy
      createdAt
      expiresAt
    }
  }
`);

export const UpdateDraftMutation = graphql(`
  mutation UpdateDraft($id: ID!, $input: DraftContentInput!) {
    updateDraft(id: $id, input: $input) {
      ...DraftFields
    }
  }
`);

export const SendDraftMutation = graphql(`
  mutation SendDraft($id: ID!, $input: SendDraftInput!) {
    sendDraft(id: $id, input: $input) {
      ...MessageDetailFields
    }
  }
`);

export const DiscardDraftMutation = graphql(`
  mutation DiscardDraft($id: ID!) {
    discardDraft(id: $id)
  }
`);
