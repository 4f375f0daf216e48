import { graphql } from '../gql';

export const MessageSummaryFieldsFragment = graphql(`
  fragment MessageSummaryFields on OutboundMessage {
    id
    status
    channel
    source
    documentRef
    subject
    to
    createdAt
    sentAt
    attempts
    nextAttemptAt
    waitReason
    lastError {
      code
      message
      permanent
    }
  }
`);

export const MessageDetailFieldsFragment = graphql(`
  fragment MessageDetailFields on OutboundMessage {
    ...MessageSummaryFields
    from {
      formatted
    }
    cc
    bcc
    body
    language
    messageId
    smtpResponse
    waitMessage
    sentBy
    splitGroupId
    recipientErrors {
      address
      code
      message
    }
    recipients {
      address
      kind
      outcome
      reply
      message
    }
    attachments {
      id
      filename
      size
      contentType
      sha256
      url
    }
    handOff {
      emlUrl
      mailtoUrl
    }
    sentCopy {
      status
      message
      folder
      attempts
      nextAttemptAt
    }
    bounces {
      address
      action
      status
      reply
      message
      reportedAt
    }
  }
`);

export const MessagesQuery = graphql(`
  query Messages($filter: MessageFilter, $first: Int, $after: String) {
    messages(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...MessageSummaryFields
      }
    }
  }
`);

export const MessageQuery = graphql(`
  query Message($id: ID!) {
    message(id: $id) {
      ...MessageDetailFields
    }
  }
`);

export const RetryMessageMutation = graphql(`
  mutation RetryMessage($id: ID!) {
    retryMessage(id: $id) {
      ...MessageDetailFields
    }
  }
`);

export const CancelMessageMutation = graphql(`
  mutation CancelMessage($id: ID!) {
    cancelMessage(id: $id) {
      ...MessageDetailFields
    }
  }
`);
