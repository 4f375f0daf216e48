import { graphql } from '../gql';

export const ComposeDraftQuery = graphql(`
  query ComposeDraft($input: ComposeDraftInput!) {
    composeDraft(input: $input) {
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
      attachments {
        id
        filename
        size
        contentType
        sha256
      }
      attachmentsAllowed
      sendMode
      delivery
      missingPlaceholders
      language
      standardTextId
    }
  }
`);

export const ComposeStandardTextsQuery = graphql(`
  query ComposeStandardTexts($source: MessageSource!, $language: Language!) {
    standardTexts(source: $source, language: $language) {
      id
      name
      language
      source
    }
  }
`);

export const SendMessageMutation = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      ...MessageDetailFields
    }
  }
`);
