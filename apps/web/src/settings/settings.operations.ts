import { graphql } from '../gql';

export const SmtpAccountFieldsFragment = graphql(`
  fragment SmtpAccountFields on SmtpAccountType {
    host
    authEnabled
    port
    encryption
    username
    passwordSet
    authMethod
    oauthTenantId
    oauthClientId
    oauthClientSecretSet
    oauthClientSecretExpiresAt
    oauthServiceAccountKeySet
    oauthUser
    caCertificate
    messagesPerMinute
    recipientsPerMessage
    recipientsPerDay
    recipientLimitAction
    maxConnections
    ehloName
    imapHost
    imapPort
    imapEncryption
    imapAppendToSent
    imapSentFolder
    imapBounceFolder
  }
`);

export const CompanyMessageSettingsQuery = graphql(`
  query CompanyMessageSettings {
    companyMessageSettings {
      ...CompanyMessageSettingsFields
    }
  }
  fragment CompanyMessageSettingsFields on CompanyMessageSettingsType {
    enabledChannels
    smtpSendingEnabled
    companyEmail
    senderName
    smtp {
      ...SmtpAccountFields
    }
    defaultRecipients
    defaultRecipientsField
    warnings {
      field
      code
      message
    }
  }
`);

export const UpdateCompanyMessageSettingsMutation = graphql(`
  mutation UpdateCompanyMessageSettings($input: CompanyMessageSettingsInput!) {
    updateCompanyMessageSettings(input: $input) {
      ...CompanyMessageSettingsFields
    }
  }
`);

export const SmsSettingsQuery = graphql(`
  query SmsSettings {
    smsSettings {
      ...SmsSettingsFields
    }
  }
  fragment SmsSettingsFields on SmsSettingsType {
    senderEmail
    smtp {
      ...SmtpAccountFields
    }
    gatewayAddress
    gatewayPasswordSet
    phoneNumberPlacement
    gatewayPasswordPlacement
    maxSegments
    templateMode
    addressTemplate
    subjectTemplate
    firstLineTemplate
    ucs2Domain
    warnings {
      field
      code
      message
    }
  }
`);

export const UpdateSmsSettingsMutation = graphql(`
  mutation UpdateSmsSettings($input: SmsSettingsInput!) {
    updateSmsSettings(input: $input) {
      ...SmsSettingsFields
    }
  }
`);

export const MyMailSettingsQuery = graphql(`
  query MyMailSettings {
    myMailSettings {
      ...UserMailSettingsFields
    }
  }
  fragment UserMailSettingsFields on UserMailSettingsType {
    userId
    email
    senderName
    smtp {
      ...SmtpAccountFields
    }
    signatureLines
    defaultRecipient
    senderConfirmed
    warnings {
      field
      code
      message
    }
  }
`);

export const UpdateMyMailSettingsMutation = graphql(`
  mutation UpdateMyMailSettings($input: UserMailSettingsInput!) {
    updateMyMailSettings(input: $input) {
      ...UserMailSettingsFields
    }
  }
`);

export const UserMailSettingsQuery = graphql(`
  query UserMailSettings($userId: ID!) {
    userMailSettings(userId: $userId) {
      ...UserMailSettingsFields
    }
  }
`);

export const UpdateUserMailSettingsMutation = graphql(`
  mutation UpdateUserMailSettings($userId: ID!, $input: UserMailSettingsInput!) {
    updateUserMailSettings(userId: $userId, input: $input) {
      ...UserMailSettingsFields
    }
  }
`);

export const TestSmtpConnectionMutation = graphql(`
  mutation TestSmtpConnection($account: SmtpAccountKind!, $changes: SmtpAccountInput, $userId: ID) {
    testSmtpConnection(account: $account, changes: $changes, userId: $userId) {
      ok
      stage
      secure
      reply
      code
      message
      ehloName
      imap {
        ok
        stage
        secure
        code
        message
        sentFolder
        sentFolderFoundBy
      }
      senderDomain {
        domain
        provider
        verdict
        message
        spf {
          status
          message
          estimate
        }
        dkim {
          status
          message
        }
        dmarc {
          status
          message
        }
      }
    }
  }
`);

export const UnconfirmedSendersQuery = graphql(`
  query UnconfirmedSenders {
    unconfirmedSenders {
      userId
      username
      email
      senderName
    }
  }
`);

export const ConfirmUserSenderMutation = graphql(`
  mutation ConfirmUserSender($userId: ID!) {
    confirmUserSender(userId: $userId) {
      ...UserMailSettingsFields
    }
  }
`);
