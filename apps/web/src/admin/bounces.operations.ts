import { graphql } from '../gql';

export const BouncesQuery = graphql(`
  query Bounces($days: Int) {
    bounceRate(days: $days) {
      days
      sent
      bounced
      delayed
      rate
    }
    suppressedAddresses {
      address
      status
      reply
      messageId
      createdAt
    }
  }
`);

export const ClearSuppressedAddressMutation = graphql(`
  mutation ClearSuppressedAddress($address: String!) {
    clearSuppressedAddress(address: $address)
  }
`);
