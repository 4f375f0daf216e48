/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    role\n    active\n    createdAt\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  query ServiceKeys {\n    serviceKeys {\n      ...ServiceKeyFields\n    }\n  }\n  fragment ServiceKeyFields on ServiceKey {\n    id\n    name\n    module\n    defaultUserId\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n": typeof types.ServiceKeysDocument,
    "\n  mutation CreateServiceKey($input: CreateServiceKeyInput!) {\n    createServiceKey(input: $input) {\n      key\n      serviceKey {\n        ...ServiceKeyFields\n      }\n    }\n  }\n": typeof types.CreateServiceKeyDocument,
    "\n  mutation RevokeServiceKey($id: ID!) {\n    revokeServiceKey(id: $id) {\n      ...ServiceKeyFields\n    }\n  }\n": typeof types.RevokeServiceKeyDocument,
    "\n  query SendPolicies {\n    sendPolicies {\n      ...SendPolicyFields\n    }\n  }\n  fragment SendPolicyFields on ModuleSendPolicyType {\n    source\n    defaultOutput\n    sendMode\n    migratedFromSendLater\n  }\n": typeof types.SendPoliciesDocument,
    "\n  mutation UpdateSendPolicy($source: MessageSource!, $input: SendPolicyInput!) {\n    updateSendPolicy(source: $source, input: $input) {\n      ...SendPolicyFields\n    }\n  }\n": typeof types.UpdateSendPolicyDocument,
    "\n  query StandardTexts($source: MessageSource, $language: Language) {\n    standardTexts(source: $source, language: $language) {\n      ...StandardTextFields\n    }\n  }\n  fragment StandardTextFields on StandardTextType {\n    id\n    source\n    language\n    name\n    subject\n    body\n    updatedAt\n  }\n": typeof types.StandardTextsDocument,
    "\n  mutation UpsertStandardText($input: StandardTextInput!) {\n    upsertStandardText(input: $input) {\n      ...StandardTextFields\n    }\n  }\n": typeof types.UpsertStandardTextDocument,
    "\n  mutation DeleteStandardText($id: ID!) {\n    deleteStandardText(id: $id)\n  }\n": typeof types.DeleteStandardTextDocument,
    "\n  query Bounces($days: Int) {\n    bounceRate(days: $days) {\n      days\n      sent\n      bounced\n      delayed\n      rate\n    }\n    suppressedAddresses {\n      address\n      status\n      reply\n      messageId\n      createdAt\n    }\n  }\n": typeof types.BouncesDocument,
    "\n  mutation ClearSuppressedAddress($address: String!) {\n    clearSuppressedAddress(address: $address)\n  }\n": typeof types.ClearSuppressedAddressDocument,
    "\n  query SendingAccounts {\n    sendingAccounts {\n      ...SendingAccountFields\n    }\n  }\n  fragment SendingAccountFields on SendingAccount {\n    accountKey\n    label\n    maxConnections\n    connectionFailures\n    parked\n    parkedUntil\n    parkReason\n    parkMessage\n  }\n": typeof types.SendingAccountsDocument,
    "\n  mutation ProbeSendingAccount($accountKey: ID!) {\n    probeSendingAccount(accountKey: $accountKey) {\n      ...SendingAccountFields\n    }\n  }\n": typeof types.ProbeSendingAccountDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Me {\n    me {\n      companyId\n      companyName\n      smsMaxSegments\n      user {\n        id\n        username\n        displayName\n        role\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation RefreshSession {\n    refreshSession {\n      token\n      expiresAt\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n      expiresAt\n    }\n  }\n": typeof types.ChangeMyPasswordDocument,
    "\n  query ComposeDraft($input: ComposeDraftInput!) {\n    composeDraft(input: $input) {\n      source\n      documentRef\n      from {\n        name\n        address\n        formatted\n      }\n      to {\n        name\n        address\n        formatted\n      }\n      cc {\n        name\n        address\n        formatted\n      }\n      bcc {\n        name\n        address\n        formatted\n      }\n      subject\n      body\n      attachments {\n        id\n        filename\n        size\n        contentType\n        sha256\n      }\n      attachmentsAllowed\n      sendMode\n      delivery\n      missingPlaceholders\n      language\n      standardTextId\n    }\n  }\n": typeof types.ComposeDraftDocument,
    "\n  query ComposeStandardTexts($source: MessageSource!, $language: Language!) {\n    standardTexts(source: $source, language: $language) {\n      id\n      name\n      language\n      source\n    }\n  }\n": typeof types.ComposeStandardTextsDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...MessageDetailFields\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  fragment DraftFields on MessageDraft {\n    id\n    source\n    documentRef\n    from {\n      name\n      address\n      formatted\n    }\n    to {\n      name\n      address\n      formatted\n    }\n    cc {\n      name\n      address\n      formatted\n    }\n    bcc {\n      name\n      address\n      formatted\n    }\n    subject\n    body\n    language\n    attachments {\n      id\n      filename\n      size\n      contentType\n      sha256\n    }\n    attachmentsAllowed\n    sendMode\n    hold\n    delivery\n    missingPlaceholders\n    standardTextId\n    variables\n    createdBy\n    createdAt\n    expiresAt\n  }\n": typeof types.DraftFieldsFragmentDoc,
    "\n  query Draft($id: ID!) {\n    draft(id: $id) {\n      ...DraftFields\n    }\n  }\n": typeof types.DraftDocument,
    "\n  query Drafts {\n    drafts {\n      id\n      source\n      documentRef\n      subject\n      to {\n        formatted\n      }\n      createdBy\n      createdAt\n      expiresAt\n    }\n  }\n": typeof types.DraftsDocument,
    "\n  mutation UpdateDraft($id: ID!, $input: DraftContentInput!) {\n    updateDraft(id: $id, input: $input) {\n      ...DraftFields\n    }\n  }\n": typeof types.UpdateDraftDocument,
    "\n  mutation SendDraft($id: ID!, $input: SendDraftInput!) {\n    sendDraft(id: $id, input: $input) {\n      ...MessageDetailFields\n    }\n  }\n": typeof types.SendDraftDocument,
    "\n  mutation DiscardDraft($id: ID!) {\n    discardDraft(id: $id)\n  }\n": typeof types.DiscardDraftDocument,
    "\n  fragment MessageSummaryFields on OutboundMessage {\n    id\n    status\n    channel\n    source\n    documentRef\n    subject\n    to\n    createdAt\n    sentAt\n    attempts\n    nextAttemptAt\n    waitReason\n    lastError {\n      code\n      message\n      permanent\n    }\n  }\n": typeof types.MessageSummaryFieldsFragmentDoc,
    "\n  fragment MessageDetailFields on OutboundMessage {\n    ...MessageSummaryFields\n    from {\n      formatted\n    }\n    cc\n    bcc\n    body\n    language\n    messageId\n    smtpResponse\n    waitMessage\n    sentBy\n    splitGroupId\n    recipientErrors {\n      address\n      code\n      message\n    }\n    recipients {\n      address\n      kind\n      outcome\n      reply\n      message\n    }\n    attachments {\n      id\n      filename\n      size\n      contentType\n      sha256\n      url\n    }\n    handOff {\n      emlUrl\n      mailtoUrl\n    }\n    sentCopy {\n      status\n      message\n      folder\n      attempts\n      nextAttemptAt\n    }\n    bounces {\n      address\n      action\n      status\n      reply\n      message\n      reportedAt\n    }\n  }\n": typeof types.MessageDetailFieldsFragmentDoc,
    "\n  query Messages($filter: MessageFilter, $first: Int, $after: String) {\n    messages(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        ...MessageSummaryFields\n      }\n    }\n  }\n": typeof types.MessagesDocument,
    "\n  query Message($id: ID!) {\n    message(id: $id) {\n      ...MessageDetailFields\n    }\n  }\n": typeof types.MessageDocument,
    "\n  mutation RetryMessage($id: ID!) {\n    retryMessage(id: $id) {\n      ...MessageDetailFields\n    }\n  }\n": typeof types.RetryMessageDocument,
    "\n  mutation CancelMessage($id: ID!) {\n    cancelMessage(id: $id) {\n      ...MessageDetailFields\n    }\n  }\n": typeof types.CancelMessageDocument,
    "\n  fragment SmtpAccountFields on SmtpAccountType {\n    host\n    authEnabled\n    port\n    encryption\n    username\n    passwordSet\n    authMethod\n    oauthTenantId\n    oauthClientId\n    oauthClientSecretSet\n    oauthClientSecretExpiresAt\n    oauthServiceAccountKeySet\n    oauthUser\n    caCertificate\n    messagesPerMinute\n    recipientsPerMessage\n    recipientsPerDay\n    recipientLimitAction\n    maxConnections\n    ehloName\n    imapHost\n    imapPort\n    imapEncryption\n    imapAppendToSent\n    imapSentFolder\n    imapBounceFolder\n  }\n": typeof types.SmtpAccountFieldsFragmentDoc,
    "\n  query CompanyMessageSettings {\n    companyMessageSettings {\n      ...CompanyMessageSettingsFields\n    }\n  }\n  fragment CompanyMessageSettingsFields on CompanyMessageSettingsType {\n    enabledChannels\n    smtpSendingEnabled\n    companyEmail\n    senderName\n    smtp {\n      ...SmtpAccountFields\n    }\n    defaultRecipients\n    defaultRecipientsField\n    warnings {\n      field\n      code\n      message\n    }\n  }\n": typeof types.CompanyMessageSettingsDocument,
    "\n  mutation UpdateCompanyMessageSettings($input: CompanyMessageSettingsInput!) {\n    updateCompanyMessageSettings(input: $input) {\n      ...CompanyMessageSettingsFields\n    }\n  }\n": typeof types.UpdateCompanyMessageSettingsDocument,
    "\n  query SmsSettings {\n    smsSettings {\n      ...SmsSettingsFields\n    }\n  }\n  fragment SmsSettingsFields on SmsSettingsType {\n    senderEmail\n    smtp {\n      ...SmtpAccountFields\n    }\n    gatewayAddress\n    gatewayPasswordSet\n    phoneNumberPlacement\n    gatewayPasswordPlacement\n    maxSegments\n    templateMode\n    addressTemplate\n    subjectTemplate\n    firstLineTemplate\n    ucs2Domain\n    warnings {\n      field\n      code\n      message\n    }\n  }\n": typeof types.SmsSettingsDocument,
    "\n  mutation UpdateSmsSettings($input: SmsSettingsInput!) {\n    updateSmsSettings(input: $input) {\n      ...SmsSettingsFields\n    }\n  }\n": typeof types.UpdateSmsSettingsDocument,
    "\n  query MyMailSettings {\n    myMailSettings {\n      ...UserMailSettingsFields\n    }\n  }\n  fragment UserMailSettingsFields on UserMailSettingsType {\n    userId\n    email\n    senderName\n    smtp {\n      ...SmtpAccountFields\n    }\n    signatureLines\n    defaultRecipient\n    senderConfirmed\n    warnings {\n      field\n      code\n      message\n    }\n  }\n": typeof types.MyMailSettingsDocument,
    "\n  mutation UpdateMyMailSettings($input: UserMailSettingsInput!) {\n    updateMyMailSettings(input: $input) {\n      ...UserMailSettingsFields\n    }\n  }\n": typeof types.UpdateMyMailSettingsDocument,
    "\n  query UserMailSettings($userId: ID!) {\n    userMailSettings(userId: $userId) {\n      ...UserMailSettingsFields\n    }\n  }\n": typeof types.UserMailSettingsDocument,
    "\n  mutation UpdateUserMailSettings($userId: ID!, $input: UserMailSettingsInput!) {\n    updateUserMailSettings(userId: $userId, input: $input) {\n      ...UserMailSettingsFields\n    }\n  }\n": typeof types.UpdateUserMailSettingsDocument,
    "\n  mutation TestSmtpConnection($account: SmtpAccountKind!, $changes: SmtpAccountInput, $userId: ID) {\n    testSmtpConnection(account: $account, changes: $changes, userId: $userId) {\n      ok\n      stage\n      secure\n      reply\n      code\n      message\n      ehloName\n      imap {\n        ok\n        stage\n        secure\n        code\n        message\n        sentFolder\n        sentFolderFoundBy\n      }\n      senderDomain {\n        domain\n        provider\n        verdict\n        message\n        spf {\n          status\n          message\n          estimate\n        }\n        dkim {\n          status\n          message\n        }\n        dmarc {\n          status\n          message\n        }\n      }\n    }\n  }\n": typeof types.TestSmtpConnectionDocument,
    "\n  query UnconfirmedSenders {\n    unconfirmedSenders {\n      userId\n      username\n      email\n      senderName\n    }\n  }\n": typeof types.UnconfirmedSendersDocument,
    "\n  mutation ConfirmUserSender($userId: ID!) {\n    confirmUserSender(userId: $userId) {\n      ...UserMailSettingsFields\n    }\n  }\n": typeof types.ConfirmUserSenderDocument,
    "\n  query SignInReview {\n    signInReview {\n      ...SignInReviewFields\n    }\n  }\n  fragment SignInReviewFields on SignInReviewType {\n    basicAuthOffByDefault\n    basicAuthOffByDefaultText\n    basicAuthFinalRemovalText\n    accounts {\n      kind\n      userId\n      userName\n      host\n      login\n      authMethod\n      clientSecretExpiresAt\n      canSwitchToOAuth\n      attention {\n        reason\n        message\n      }\n    }\n  }\n": typeof types.SignInReviewDocument,
    "\n  mutation SwitchToMicrosoftOAuth($account: SmtpAccountKind!, $userId: ID, $input: MicrosoftOAuthSwitchInput!) {\n    switchToMicrosoftOAuth(account: $account, userId: $userId, input: $input) {\n      ...SignInReviewFields\n    }\n  }\n": typeof types.SwitchToMicrosoftOAuthDocument,
    "\n  mutation SendSms($input: SendSmsInput!) {\n    sendSms(input: $input) {\n      ...MessageDetailFields\n    }\n  }\n": typeof types.SendSmsDocument,
};
const documents: Documents = {
    "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    role\n    active\n    createdAt\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n": types.UpdateUserDocument,
    "\n  query ServiceKeys {\n    serviceKeys {\n      ...ServiceKeyFields\n    }\n  }\n  fragment ServiceKeyFields on ServiceKey {\n    id\n    name\n    module\n    defaultUserId\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n": types.ServiceKeysDocument,
    "\n  mutation CreateServiceKey($input: CreateServiceKeyInput!) {\n    createServiceKey(input: $input) {\n      key\n      serviceKey {\n        ...ServiceKeyFields\n      }\n    }\n  }\n": types.CreateServiceKeyDocument,
    "\n  mutation RevokeServiceKey($id: ID!) {\n    revokeServiceKey(id: $id) {\n      ...ServiceKeyFields\n    }\n  }\n": types.RevokeServiceKeyDocument,
    "\n  query SendPolicies {\n    sendPolicies {\n      ...SendPolicyFields\n    }\n  }\n  fragment SendPolicyFields on ModuleSendPolicyType {\n    source\n    defaultOutput\n    sendMode\n    migratedFromSendLater\n  }\n": types.SendPoliciesDocument,
    "\n  mutation UpdateSendPolicy($source: MessageSource!, $input: SendPolicyInput!) {\n    updateSendPolicy(source: $source, input: $input) {\n      ...SendPolicyFields\n    }\n  }\n": types.UpdateSendPolicyDocument,
    "\n  query StandardTexts($source: MessageSource, $language: Language) {\n    standardTexts(source: $source, language: $language) {\n      ...StandardTextFields\n    }\n  }\n  fragment StandardTextFields on StandardTextType {\n    id\n    source\n    language\n    name\n    subject\n    body\n    updatedAt\n  }\n": types.StandardTextsDocument,
    "\n  mutation UpsertStandardText($input: StandardTextInput!) {\n    upsertStandardText(input: $input) {\n      ...StandardTextFields\n    }\n  }\n": types.UpsertStandardTextDocument,
    "\n  mutation DeleteStandardText($id: ID!) {\n    deleteStandardText(id: $id)\n  }\n": types.DeleteStandardTextDocument,
    "\n  query Bounces($days: Int) {\n    bounceRate(days: $days) {\n      days\n      sent\n      bounced\n      delayed\n      rate\n    }\n    suppressedAddresses {\n      address\n      status\n      reply\n      messageId\n      createdAt\n    }\n  }\n": types.BouncesDocument,
    "\n  mutation ClearSuppressedAddress($address: String!) {\n    clearSuppressedAddress(address: $address)\n  }\n": types.ClearSuppressedAddressDocument,
    "\n  query SendingAccounts {\n    sendingAccounts {\n      ...SendingAccountFields\n    }\n  }\n  fragment SendingAccountFields on SendingAccount {\n    accountKey\n    label\n    maxConnections\n    connectionFailures\n    parked\n    parkedUntil\n    parkReason\n    parkMessage\n  }\n": types.SendingAccountsDocument,
    "\n  mutation ProbeSendingAccount($accountKey: ID!) {\n    probeSendingAccount(accountKey: $accountKey) {\n      ...SendingAccountFields\n    }\n  }\n": types.ProbeSendingAccountDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n    }\n  }\n": types.LoginDocument,
    "\n  query Me {\n    me {\n      companyId\n      companyName\n      smsMaxSegments\n      user {\n        id\n        username\n        displayName\n        role\n      }\n    }\n  }\n": types.MeDocument,
    "\n  mutation RefreshSession {\n    refreshSession {\n      token\n      expiresAt\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n      expiresAt\n    }\n  }\n": types.ChangeMyPasswordDocument,
    "\n  query ComposeDraft($input: ComposeDraftInput!) {\n    composeDraft(input: $input) {\n      source\n      documentRef\n      from {\n        name\n        address\n        formatted\n      }\n      to {\n        name\n        address\n        formatted\n      }\n      cc {\n        name\n        address\n        formatted\n      }\n      bcc {\n        name\n        address\n        formatted\n      }\n      subject\n      body\n      attachments {\n        id\n        filename\n        size\n        contentType\n        sha256\n      }\n      attachmentsAllowed\n      sendMode\n      delivery\n      missingPlaceholders\n      language\n      standardTextId\n    }\n  }\n": types.ComposeDraftDocument,
    "\n  query ComposeStandardTexts($source: MessageSource!, $language: Language!) {\n    standardTexts(source: $source, language: $language) {\n      id\n      name\n      language\n      source\n    }\n  }\n": types.ComposeStandardTextsDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...MessageDetailFields\n    }\n  }\n": types.SendMessageDocument,
    "\n  fragment DraftFields on MessageDraft {\n    id\n    source\n    documentRef\n    from {\n      name\n      address\n      formatted\n    }\n    to {\n      name\n      address\n      formatted\n    }\n    cc {\n      name\n      address\n      formatted\n    }\n    bcc {\n      name\n      address\n      formatted\n    }\n    subject\n    body\n    language\n    attachments {\n      id\n      filename\n      size\n      contentType\n      sha256\n    }\n    attachmentsAllowed\n    sendMode\n    hold\n    delivery\n    missingPlaceholders\n    standardTextId\n    variables\n    createdBy\n    createdAt\n    expiresAt\n  }\n": types.DraftFieldsFragmentDoc,
    "\n  query Draft($id: ID!) {\n    draft(id: $id) {\n      ...DraftFields\n    }\n  }\n": types.DraftDocument,
    "\n  query Drafts {\n    drafts {\n      id\n      source\n      documentRef\n      subject\n      to {\n        formatted\n      }\n      createdBy\n      createdAt\n      expiresAt\n    }\n  }\n": types.DraftsDocument,
    "\n  mutation UpdateDraft($id: ID!, $input: DraftContentInput!) {\n    updateDraft(id: $id, input: $input) {\n      ...DraftFields\n    }\n  }\n": types.UpdateDraftDocument,
    "\n  mutation SendDraft($id: ID!, $input: SendDraftInput!) {\n    sendDraft(id: $id, input: $input) {\n      ...MessageDetailFields\n    }\n  }\n": types.SendDraftDocument,
    "\n  mutation DiscardDraft($id: ID!) {\n    discardDraft(id: $id)\n  }\n": types.DiscardDraftDocument,
    "\n  fragment MessageSummaryFields on OutboundMessage {\n    id\n    status\n    channel\n    source\n    documentRef\n    subject\n    to\n    createdAt\n    sentAt\n    attempts\n    nextAttemptAt\n    waitReason\n    lastError {\n      code\n      message\n      permanent\n    }\n  }\n": types.MessageSummaryFieldsFragmentDoc,
    "\n  fragment MessageDetailFields on OutboundMessage {\n    ...MessageSummaryFields\n    from {\n      formatted\n    }\n    cc\n    bcc\n    body\n    language\n    messageId\n    smtpResponse\n    waitMessage\n    sentBy\n    splitGroupId\n    recipientErrors {\n      address\n      code\n      message\n    }\n    recipients {\n      address\n      kind\n      outcome\n      reply\n      message\n    }\n    attachments {\n      id\n      filename\n      size\n      contentType\n      sha256\n      url\n    }\n    handOff {\n      emlUrl\n      mailtoUrl\n    }\n    sentCopy {\n      status\n      message\n      folder\n      attempts\n      nextAttemptAt\n    }\n    bounces {\n      address\n      action\n      status\n      reply\n      message\n      reportedAt\n    }\n  }\n": types.MessageDetailFieldsFragmentDoc,
    "\n  query Messages($filter: MessageFilter, $first: Int, $after: String) {\n    messages(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        ...MessageSummaryFields\n      }\n    }\n  }\n": types.MessagesDocument,
    "\n  query Message($id: ID!) {\n    message(id: $id) {\n      ...MessageDetailFields\n    }\n  }\n": types.MessageDocument,
    "\n  mutation RetryMessage($id: ID!) {\n    retryMessage(id: $id) {\n      ...MessageDetailFields\n    }\n  }\n": types.RetryMessageDocument,
    "\n  mutation CancelMessage($id: ID!) {\n    cancelMessage(id: $id) {\n      ...MessageDetailFields\n    }\n  }\n": types.CancelMessageDocument,
    "\n  fragment SmtpAccountFields on SmtpAccountType {\n    host\n    authEnabled\n    port\n    encryption\n    username\n    passwordSet\n    authMethod\n    oauthTenantId\n    oauthClientId\n    oauthClientSecretSet\n    oauthClientSecretExpiresAt\n    oauthServiceAccountKeySet\n    oauthUser\n    caCertificate\n    messagesPerMinute\n    recipientsPerMessage\n    recipientsPerDay\n    recipientLimitAction\n    maxConnections\n    ehloName\n    imapHost\n    imapPort\n    imapEncryption\n    imapAppendToSent\n    imapSentFolder\n    imapBounceFolder\n  }\n": types.SmtpAccountFieldsFragmentDoc,
    "\n  query CompanyMessageSettings {\n    companyMessageSettings {\n      ...CompanyMessageSettingsFields\n    }\n  }\n  fragment CompanyMessageSettingsFields on CompanyMessageSettingsType {\n    enabledChannels\n    smtpSendingEnabled\n    companyEmail\n    senderName\n    smtp {\n      ...SmtpAccountFields\n    }\n    defaultRecipients\n    defaultRecipientsField\n    warnings {\n      field\n      code\n      message\n    }\n  }\n": types.CompanyMessageSettingsDocument,
    "\n  mutation UpdateCompanyMessageSettings($input: CompanyMessageSettingsInput!) {\n    updateCompanyMessageSettings(input: $input) {\n      ...CompanyMessageSettingsFields\n    }\n  }\n": types.UpdateCompanyMessageSettingsDocument,
    "\n  query SmsSettings {\n    smsSettings {\n      ...SmsSettingsFields\n    }\n  }\n  fragment SmsSettingsFields on SmsSettingsType {\n    senderEmail\n    smtp {\n      ...SmtpAccountFields\n    }\n    gatewayAddress\n    gatewayPasswordSet\n    phoneNumberPlacement\n    gatewayPasswordPlacement\n    maxSegments\n    templateMode\n    addressTemplate\n    subjectTemplate\n    firstLineTemplate\n    ucs2Domain\n    warnings {\n      field\n      code\n      message\n    }\n  }\n": types.SmsSettingsDocument,
    "\n  mutation UpdateSmsSettings($input: SmsSettingsInput!) {\n    updateSmsSettings(input: $input) {\n      ...SmsSettingsFields\n    }\n  }\n": types.UpdateSmsSettingsDocument,
    "\n  query MyMailSettings {\n    myMailSettings {\n      ...UserMailSettingsFields\n    }\n  }\n  fragment UserMailSettingsFields on UserMailSettingsType {\n    userId\n    email\n    senderName\n    smtp {\n      ...SmtpAccountFields\n    }\n    signatureLines\n    defaultRecipient\n    senderConfirmed\n    warnings {\n      field\n      code\n      message\n    }\n  }\n": types.MyMailSettingsDocument,
    "\n  mutation UpdateMyMailSettings($input: UserMailSettingsInput!) {\n    updateMyMailSettings(input: $input) {\n      ...UserMailSettingsFields\n    }\n  }\n": types.UpdateMyMailSettingsDocument,
    "\n  query UserMailSettings($userId: ID!) {\n    userMailSettings(userId: $userId) {\n      ...UserMailSettingsFields\n    }\n  }\n": types.UserMailSettingsDocument,
    "\n  mutation UpdateUserMailSettings($userId: ID!, $input: UserMailSettingsInput!) {\n    updateUserMailSettings(userId: $userId, input: $input) {\n      ...UserMailSettingsFields\n    }\n  }\n": types.UpdateUserMailSettingsDocument,
    "\n  mutation TestSmtpConnection($account: SmtpAccountKind!, $changes: SmtpAccountInput, $userId: ID) {\n    testSmtpConnection(account: $account, changes: $changes, userId: $userId) {\n      ok\n      stage\n      secure\n      reply\n      code\n      message\n      ehloName\n      imap {\n        ok\n        stage\n        secure\n        code\n        message\n        sentFolder\n        sentFolderFoundBy\n      }\n      senderDomain {\n        domain\n        provider\n        verdict\n        message\n        spf {\n          status\n          message\n          estimate\n        }\n        dkim {\n          status\n          message\n        }\n        dmarc {\n          status\n          message\n        }\n      }\n    }\n  }\n": types.TestSmtpConnectionDocument,
    "\n  query UnconfirmedSenders {\n    unconfirmedSenders {\n      userId\n      username\n      email\n      senderName\n    }\n  }\n": types.UnconfirmedSendersDocument,
    "\n  mutation ConfirmUserSender($userId: ID!) {\n    confirmUserSender(userId: $userId) {\n      ...UserMailSettingsFields\n    }\n  }\n": types.ConfirmUserSenderDocument,
    "\n  query SignInReview {\n    signInReview {\n      ...SignInReviewFields\n    }\n  }\n  fragment SignInReviewFields on SignInReviewType {\n    basicAuthOffByDefault\n    basicAuthOffByDefaultText\n    basicAuthFinalRemovalText\n    accounts {\n      kind\n      userId\n      userName\n      host\n      login\n      authMethod\n      clientSecretExpiresAt\n      canSwitchToOAuth\n      attention {\n        reason\n        message\n      }\n    }\n  }\n": types.SignInReviewDocument,
    "\n  mutation SwitchToMicrosoftOAuth($account: SmtpAccountKind!, $userId: ID, $input: MicrosoftOAuthSwitchInput!) {\n    switchToMicrosoftOAuth(account: $account, userId: $userId, input: $input) {\n      ...SignInReviewFields\n    }\n  }\n": types.SwitchToMicrosoftOAuthDocument,
    "\n  mutation SendSms($input: SendSmsInput!) {\n    sendSms(input: $input) {\n      ...MessageDetailFields\n    }\n  }\n": types.SendSmsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    role\n    active\n    createdAt\n  }\n"): (typeof documents)["\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    role\n    active\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServiceKeys {\n    serviceKeys {\n      ...ServiceKeyFields\n    }\n  }\n  fragment ServiceKeyFields on ServiceKey {\n    id\n    name\n    module\n    defaultUserId\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n"): (typeof documents)["\n  query ServiceKeys {\n    serviceKeys {\n      ...ServiceKeyFields\n    }\n  }\n  fragment ServiceKeyFields on ServiceKey {\n    id\n    name\n    module\n    defaultUserId\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateServiceKey($input: CreateServiceKeyInput!) {\n    createServiceKey(input: $input) {\n      key\n      serviceKey {\n        ...ServiceKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateServiceKey($input: CreateServiceKeyInput!) {\n    createServiceKey(input: $input) {\n      key\n      serviceKey {\n        ...ServiceKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeServiceKey($id: ID!) {\n    revokeServiceKey(id: $id) {\n      ...ServiceKeyFields\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeServiceKey($id: ID!) {\n    revokeServiceKey(id: $id) {\n      ...ServiceKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SendPolicies {\n    sendPolicies {\n      ...SendPolicyFields\n    }\n  }\n  fragment SendPolicyFields on ModuleSendPolicyType {\n    source\n    defaultOutput\n    sendMode\n    migratedFromSendLater\n  }\n"): (typeof documents)["\n  query SendPolicies {\n    sendPolicies {\n      ...SendPolicyFields\n    }\n  }\n  fragment SendPolicyFields on ModuleSendPolicyType {\n    source\n    defaultOutput\n    sendMode\n    migratedFromSendLater\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSendPolicy($source: MessageSource!, $input: SendPolicyInput!) {\n    updateSendPolicy(source: $source, input: $input) {\n      ...SendPolicyFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSendPolicy($source: MessageSource!, $input: SendPolicyInput!) {\n    updateSendPolicy(source: $source, input: $input) {\n      ...SendPolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StandardTexts($source: MessageSource, $language: Language) {\n    standardTexts(source: $source, language: $language) {\n      ...StandardTextFields\n    }\n  }\n  fragment StandardTextFields on StandardTextType {\n    id\n    source\n    language\n    name\n    subject\n    body\n    updatedAt\n  }\n"): (typeof documents)["\n  query StandardTexts($source: MessageSource, $language: Language) {\n    standardTexts(source: $source, language: $language) {\n      ...StandardTextFields\n    }\n  }\n  fragment StandardTextFields on StandardTextType {\n    id\n    source\n    language\n    name\n    subject\n    body\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertStandardText($input: StandardTextInput!) {\n    upsertStandardText(input: $input) {\n      ...StandardTextFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpsertStandardText($input: StandardTextInput!) {\n    upsertStandardText(input: $input) {\n      ...StandardTextFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteStandardText($id: ID!) {\n    deleteStandardText(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteStandardText($id: ID!) {\n    deleteStandardText(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Bounces($days: Int) {\n    bounceRate(days: $days) {\n      days\n      sent\n      bounced\n      delayed\n      rate\n    }\n    suppressedAddresses {\n      address\n      status\n      reply\n      messageId\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query Bounces($days: Int) {\n    bounceRate(days: $days) {\n      days\n      sent\n      bounced\n      delayed\n      rate\n    }\n    suppressedAddresses {\n      address\n      status\n      reply\n      messageId\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearSuppressedAddress($address: String!) {\n    clearSuppressedAddress(address: $address)\n  }\n"): (typeof documents)["\n  mutation ClearSuppressedAddress($address: String!) {\n    clearSuppressedAddress(address: $address)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SendingAccounts {\n    sendingAccounts {\n      ...SendingAccountFields\n    }\n  }\n  fragment SendingAccountFields on SendingAccount {\n    accountKey\n    label\n    maxConnections\n    connectionFailures\n    parked\n    parkedUntil\n    parkReason\n    parkMessage\n  }\n"): (typeof documents)["\n  query SendingAccounts {\n    sendingAccounts {\n      ...SendingAccountFields\n    }\n  }\n  fragment SendingAccountFields on SendingAccount {\n    accountKey\n    label\n    maxConnections\n    connectionFailures\n    parked\n    parkedUntil\n    parkReason\n    parkMessage\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProbeSendingAccount($accountKey: ID!) {\n    probeSendingAccount(accountKey: $accountKey) {\n      ...SendingAccountFields\n    }\n  }\n"): (typeof documents)["\n  mutation ProbeSendingAccount($accountKey: ID!) {\n    probeSendingAccount(accountKey: $accountKey) {\n      ...SendingAccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      companyId\n      companyName\n      smsMaxSegments\n      user {\n        id\n        username\n        displayName\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      companyId\n      companyName\n      smsMaxSegments\n      user {\n        id\n        username\n        displayName\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession {\n    refreshSession {\n      token\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession {\n    refreshSession {\n      token\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComposeDraft($input: ComposeDraftInput!) {\n    composeDraft(input: $input) {\n      source\n      documentRef\n      from {\n        name\n        address\n        formatted\n      }\n      to {\n        name\n        address\n        formatted\n      }\n      cc {\n        name\n        address\n        formatted\n      }\n      bcc {\n        name\n        address\n        formatted\n      }\n      subject\n      body\n      attachments {\n        id\n        filename\n        size\n        contentType\n        sha256\n      }\n      attachmentsAllowed\n      sendMode\n      delivery\n      missingPlaceholders\n      language\n      standardTextId\n    }\n  }\n"): (typeof documents)["\n  query ComposeDraft($input: ComposeDraftInput!) {\n    composeDraft(input: $input) {\n      source\n      documentRef\n      from {\n        name\n        address\n        formatted\n      }\n      to {\n        name\n        address\n        formatted\n      }\n      cc {\n        name\n        address\n        formatted\n      }\n      bcc {\n        name\n        address\n        formatted\n      }\n      subject\n      body\n      attachments {\n        id\n        filename\n        size\n        contentType\n        sha256\n      }\n      attachmentsAllowed\n      sendMode\n      delivery\n      missingPlaceholders\n      language\n      standardTextId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComposeStandardTexts($source: MessageSource!, $language: Language!) {\n    standardTexts(source: $source, language: $language) {\n      id\n      name\n      language\n      source\n    }\n  }\n"): (typeof documents)["\n  query ComposeStandardTexts($source: MessageSource!, $language: Language!) {\n    standardTexts(source: $source, language: $language) {\n      id\n      name\n      language\n      source\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...MessageDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...MessageDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DraftFields on MessageDraft {\n    id\n    source\n    documentRef\n    from {\n      name\n      address\n      formatted\n    }\n    to {\n      name\n      address\n      formatted\n    }\n    cc {\n      name\n      address\n      formatted\n    }\n    bcc {\n      name\n      address\n      formatted\n    }\n    subject\n    body\n    language\n    attachments {\n      id\n      filename\n      size\n      contentType\n      sha256\n    }\n    attachmentsAllowed\n    sendMode\n    hold\n    delivery\n    missingPlaceholders\n    standardTextId\n    variables\n    createdBy\n    createdAt\n    expiresAt\n  }\n"): (typeof documents)["\n  fragment DraftFields on MessageDraft {\n    id\n    source\n    documentRef\n    from {\n      name\n      address\n      formatted\n    }\n    to {\n      name\n      address\n      formatted\n    }\n    cc {\n      name\n      address\n      formatted\n    }\n    bcc {\n      name\n      address\n      formatted\n    }\n    subject\n    body\n    language\n    attachments {\n      id\n      filename\n      size\n      contentType\n      sha256\n    }\n    attachmentsAllowed\n    sendMode\n    hold\n    delivery\n    missingPlaceholders\n    standardTextId\n    variables\n    createdBy\n    createdAt\n    expiresAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Draft($id: ID!) {\n    draft(id: $id) {\n      ...DraftFields\n    }\n  }\n"): (typeof documents)["\n  query Draft($id: ID!) {\n    draft(id: $id) {\n      ...DraftFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Drafts {\n    drafts {\n      id\n      source\n      documentRef\n      subject\n      to {\n        formatted\n      }\n      createdBy\n      createdAt\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  query Drafts {\n    drafts {\n      id\n      source\n      documentRef\n      subject\n      to {\n        formatted\n      }\n      createdBy\n      createdAt\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateDraft($id: ID!, $input: DraftContentInput!) {\n    updateDraft(id: $id, input: $input) {\n      ...DraftFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateDraft($id: ID!, $input: DraftContentInput!) {\n    updateDraft(id: $id, input: $input) {\n      ...DraftFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendDraft($id: ID!, $input: SendDraftInput!) {\n    sendDraft(id: $id, input: $input) {\n      ...MessageDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendDraft($id: ID!, $input: SendDraftInput!) {\n    sendDraft(id: $id, input: $input) {\n      ...MessageDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DiscardDraft($id: ID!) {\n    discardDraft(id: $id)\n  }\n"): (typeof documents)["\n  mutation DiscardDraft($id: ID!) {\n    discardDraft(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageSummaryFields on OutboundMessage {\n    id\n    status\n    channel\n    source\n    documentRef\n    subject\n    to\n    createdAt\n    sentAt\n    attempts\n    nextAttemptAt\n    waitReason\n    lastError {\n      code\n      message\n      permanent\n    }\n  }\n"): (typeof documents)["\n  fragment MessageSummaryFields on OutboundMessage {\n    id\n    status\n    channel\n    source\n    documentRef\n    subject\n    to\n    createdAt\n    sentAt\n    attempts\n    nextAttemptAt\n    waitReason\n    lastError {\n      code\n      message\n      permanent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageDetailFields on OutboundMessage {\n    ...MessageSummaryFields\n    from {\n      formatted\n    }\n    cc\n    bcc\n    body\n    language\n    messageId\n    smtpResponse\n    waitMessage\n    sentBy\n    splitGroupId\n    recipientErrors {\n      address\n      code\n      message\n    }\n    recipients {\n      address\n      kind\n      outcome\n      reply\n      message\n    }\n    attachments {\n      id\n      filename\n      size\n      contentType\n      sha256\n      url\n    }\n    handOff {\n      emlUrl\n      mailtoUrl\n    }\n    sentCopy {\n      status\n      message\n      folder\n      attempts\n      nextAttemptAt\n    }\n    bounces {\n      address\n      action\n      status\n      reply\n      message\n      reportedAt\n    }\n  }\n"): (typeof documents)["\n  fragment MessageDetailFields on OutboundMessage {\n    ...MessageSummaryFields\n    from {\n      formatted\n    }\n    cc\n    bcc\n    body\n    language\n    messageId\n    smtpResponse\n    waitMessage\n    sentBy\n    splitGroupId\n    recipientErrors {\n      address\n      code\n      message\n    }\n    recipients {\n      address\n      kind\n      outcome\n      reply\n      message\n    }\n    attachments {\n      id\n      filename\n      size\n      contentType\n      sha256\n      url\n    }\n    handOff {\n      emlUrl\n      mailtoUrl\n    }\n    sentCopy {\n      status\n      message\n      folder\n      attempts\n      nextAttemptAt\n    }\n    bounces {\n      address\n      action\n      status\n      reply\n      message\n      reportedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Messages($filter: MessageFilter, $first: Int, $after: String) {\n    messages(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        ...MessageSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Messages($filter: MessageFilter, $first: Int, $after: String) {\n    messages(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        ...MessageSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Message($id: ID!) {\n    message(id: $id) {\n      ...MessageDetailFields\n    }\n  }\n"): (typeof documents)["\n  query Message($id: ID!) {\n    message(id: $id) {\n      ...MessageDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryMessage($id: ID!) {\n    retryMessage(id: $id) {\n      ...MessageDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation RetryMessage($id: ID!) {\n    retryMessage(id: $id) {\n      ...MessageDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelMessage($id: ID!) {\n    cancelMessage(id: $id) {\n      ...MessageDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelMessage($id: ID!) {\n    cancelMessage(id: $id) {\n      ...MessageDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SmtpAccountFields on SmtpAccountType {\n    host\n    authEnabled\n    port\n    encryption\n    username\n    passwordSet\n    authMethod\n    oauthTenantId\n    oauthClientId\n    oauthClientSecretSet\n    oauthClientSecretExpiresAt\n    oauthServiceAccountKeySet\n    oauthUser\n    caCertificate\n    messagesPerMinute\n    recipientsPerMessage\n    recipientsPerDay\n    recipientLimitAction\n    maxConnections\n    ehloName\n    imapHost\n    imapPort\n    imapEncryption\n    imapAppendToSent\n    imapSentFolder\n    imapBounceFolder\n  }\n"): (typeof documents)["\n  fragment SmtpAccountFields on SmtpAccountType {\n    host\n    authEnabled\n    port\n    encryption\n    username\n    passwordSet\n    authMethod\n    oauthTenantId\n    oauthClientId\n    oauthClientSecretSet\n    oauthClientSecretExpiresAt\n    oauthServiceAccountKeySet\n    oauthUser\n    caCertificate\n    messagesPerMinute\n    recipientsPerMessage\n    recipientsPerDay\n    recipientLimitAction\n    maxConnections\n    ehloName\n    imapHost\n    imapPort\n    imapEncryption\n    imapAppendToSent\n    imapSentFolder\n    imapBounceFolder\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyMessageSettings {\n    companyMessageSettings {\n      ...CompanyMessageSettingsFields\n    }\n  }\n  fragment CompanyMessageSettingsFields on CompanyMessageSettingsType {\n    enabledChannels\n    smtpSendingEnabled\n    companyEmail\n    senderName\n    smtp {\n      ...SmtpAccountFields\n    }\n    defaultRecipients\n    defaultRecipientsField\n    warnings {\n      field\n      code\n      message\n    }\n  }\n"): (typeof documents)["\n  query CompanyMessageSettings {\n    companyMessageSettings {\n      ...CompanyMessageSettingsFields\n    }\n  }\n  fragment CompanyMessageSettingsFields on CompanyMessageSettingsType {\n    enabledChannels\n    smtpSendingEnabled\n    companyEmail\n    senderName\n    smtp {\n      ...SmtpAccountFields\n    }\n    defaultRecipients\n    defaultRecipientsField\n    warnings {\n      field\n      code\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCompanyMessageSettings($input: CompanyMessageSettingsInput!) {\n    updateCompanyMessageSettings(input: $input) {\n      ...CompanyMessageSettingsFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCompanyMessageSettings($input: CompanyMessageSettingsInput!) {\n    updateCompanyMessageSettings(input: $input) {\n      ...CompanyMessageSettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SmsSettings {\n    smsSettings {\n      ...SmsSettingsFields\n    }\n  }\n  fragment SmsSettingsFields on SmsSettingsType {\n    senderEmail\n    smtp {\n      ...SmtpAccountFields\n    }\n    gatewayAddress\n    gatewayPasswordSet\n    phoneNumberPlacement\n    gatewayPasswordPlacement\n    maxSegments\n    templateMode\n    addressTemplate\n    subjectTemplate\n    firstLineTemplate\n    ucs2Domain\n    warnings {\n      field\n      code\n      message\n    }\n  }\n"): (typeof documents)["\n  query SmsSettings {\n    smsSettings {\n      ...SmsSettingsFields\n    }\n  }\n  fragment SmsSettingsFields on SmsSettingsType {\n    senderEmail\n    smtp {\n      ...SmtpAccountFields\n    }\n    gatewayAddress\n    gatewayPasswordSet\n    phoneNumberPlacement\n    gatewayPasswordPlacement\n    maxSegments\n    templateMode\n    addressTemplate\n    subjectTemplate\n    firstLineTemplate\n    ucs2Domain\n    warnings {\n      field\n      code\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSmsSettings($input: SmsSettingsInput!) {\n    updateSmsSettings(input: $input) {\n      ...SmsSettingsFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSmsSettings($input: SmsSettingsInput!) {\n    updateSmsSettings(input: $input) {\n      ...SmsSettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyMailSettings {\n    myMailSettings {\n      ...UserMailSettingsFields\n    }\n  }\n  fragment UserMailSettingsFields on UserMailSettingsType {\n    userId\n    email\n    senderName\n    smtp {\n      ...SmtpAccountFields\n    }\n    signatureLines\n    defaultRecipient\n    senderConfirmed\n    warnings {\n      field\n      code\n      message\n    }\n  }\n"): (typeof documents)["\n  query MyMailSettings {\n    myMailSettings {\n      ...UserMailSettingsFields\n    }\n  }\n  fragment UserMailSettingsFields on UserMailSettingsType {\n    userId\n    email\n    senderName\n    smtp {\n      ...SmtpAccountFields\n    }\n    signatureLines\n    defaultRecipient\n    senderConfirmed\n    warnings {\n      field\n      code\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMyMailSettings($input: UserMailSettingsInput!) {\n    updateMyMailSettings(input: $input) {\n      ...UserMailSettingsFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMyMailSettings($input: UserMailSettingsInput!) {\n    updateMyMailSettings(input: $input) {\n      ...UserMailSettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserMailSettings($userId: ID!) {\n    userMailSettings(userId: $userId) {\n      ...UserMailSettingsFields\n    }\n  }\n"): (typeof documents)["\n  query UserMailSettings($userId: ID!) {\n    userMailSettings(userId: $userId) {\n      ...UserMailSettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUserMailSettings($userId: ID!, $input: UserMailSettingsInput!) {\n    updateUserMailSettings(userId: $userId, input: $input) {\n      ...UserMailSettingsFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUserMailSettings($userId: ID!, $input: UserMailSettingsInput!) {\n    updateUserMailSettings(userId: $userId, input: $input) {\n      ...UserMailSettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestSmtpConnection($account: SmtpAccountKind!, $changes: SmtpAccountInput, $userId: ID) {\n    testSmtpConnection(account: $account, changes: $changes, userId: $userId) {\n      ok\n      stage\n      secure\n      reply\n      code\n      message\n      ehloName\n      imap {\n        ok\n        stage\n        secure\n        code\n        message\n        sentFolder\n        sentFolderFoundBy\n      }\n      senderDomain {\n        domain\n        provider\n        verdict\n        message\n        spf {\n          status\n          message\n          estimate\n        }\n        dkim {\n          status\n          message\n        }\n        dmarc {\n          status\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TestSmtpConnection($account: SmtpAccountKind!, $changes: SmtpAccountInput, $userId: ID) {\n    testSmtpConnection(account: $account, changes: $changes, userId: $userId) {\n      ok\n      stage\n      secure\n      reply\n      code\n      message\n      ehloName\n      imap {\n        ok\n        stage\n        secure\n        code\n        message\n        sentFolder\n        sentFolderFoundBy\n      }\n      senderDomain {\n        domain\n        provider\n        verdict\n        message\n        spf {\n          status\n          message\n          estimate\n        }\n        dkim {\n          status\n          message\n        }\n        dmarc {\n          status\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnconfirmedSenders {\n    unconfirmedSenders {\n      userId\n      username\n      email\n      senderName\n    }\n  }\n"): (typeof documents)["\n  query UnconfirmedSenders {\n    unconfirmedSenders {\n      userId\n      username\n      email\n      senderName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmUserSender($userId: ID!) {\n    confirmUserSender(userId: $userId) {\n      ...UserMailSettingsFields\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmUserSender($userId: ID!) {\n    confirmUserSender(userId: $userId) {\n      ...UserMailSettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInReview {\n    signInReview {\n      ...SignInReviewFields\n    }\n  }\n  fragment SignInReviewFields on SignInReviewType {\n    basicAuthOffByDefault\n    basicAuthOffByDefaultText\n    basicAuthFinalRemovalText\n    accounts {\n      kind\n      userId\n      userName\n      host\n      login\n      authMethod\n      clientSecretExpiresAt\n      canSwitchToOAuth\n      attention {\n        reason\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query SignInReview {\n    signInReview {\n      ...SignInReviewFields\n    }\n  }\n  fragment SignInReviewFields on SignInReviewType {\n    basicAuthOffByDefault\n    basicAuthOffByDefaultText\n    basicAuthFinalRemovalText\n    accounts {\n      kind\n      userId\n      userName\n      host\n      login\n      authMethod\n      clientSecretExpiresAt\n      canSwitchToOAuth\n      attention {\n        reason\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwitchToMicrosoftOAuth($account: SmtpAccountKind!, $userId: ID, $input: MicrosoftOAuthSwitchInput!) {\n    switchToMicrosoftOAuth(account: $account, userId: $userId, input: $input) {\n      ...SignInReviewFields\n    }\n  }\n"): (typeof documents)["\n  mutation SwitchToMicrosoftOAuth($account: SmtpAccountKind!, $userId: ID, $input: MicrosoftOAuthSwitchInput!) {\n    switchToMicrosoftOAuth(account: $account, userId: $userId, input: $input) {\n      ...SignInReviewFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendSms($input: SendSmsInput!) {\n    sendSms(input: $input) {\n      ...MessageDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendSms($input: SendSmsInput!) {\n    sendSms(input: $input) {\n      ...MessageDetailFields\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;