import { graphql } from '../gql';

export const SendSmsMutation = graphql(`
  mutation SendSms($input: SendSmsInput!) {
    sendSms(input: $input) {
      ...MessageDetailFields
    }
  }
`);
