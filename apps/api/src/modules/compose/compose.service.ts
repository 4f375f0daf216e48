import { resolveEmail, type DefaultRecipientsChoice, type ResolvedEmail, type SignatureChoice } from '@maestro/mail-core';
import type { Language, MessageSource, SmtpAccount } from '@maestro/settings-schema';
import type { Caller } from '../../common/caller';
import type { SendPoliciesService } from '../send-policies/send-policies.service';
import type { SettingsService } from '../settings/settings.service';
import type { StandardTextsService } from '../standard-texts/standard-texts.service';
import type { UsersService } from '../users/users.service';
import { notInAnotherUsersName, refusedBy, userInactive } from './compose.errors';

export interface ComposeRequest {
  source: MessageSource;
  documentRef?: string | null;
  to?: string[] | null;
  cc?: string[] | null;
  bcc?: string[] | null;
  language?: Language | null;
  standardTextId?: string | null;
  variables?: Record<string, string> | null;
  onBehalfOfUserId?: string | null;
}

/** Any e-mail to resolve: what the caller wrote (subject and body; left out, from the standard text) and its choices. */
export interface EmailRequest extends ComposeRequest {
  subject?: string | null;
  body?: string | null;
  /** INCLUDE when left out: the server adds them. */
  defaultRecipients?: DefaultRecipientsChoice | null;
  /** AUTO when left out: the server appends the user's signature. */
  signature?: SignatureChoice | null;
}

export interface ResolvedRequest {
  email: ResolvedEmail;
  /** Holds the password: for the server's own checks (recipients per message), never a client. */
  account: SmtpAccount | null;
  /** The user whose settings (sender, signature, SMTP account) it uses; null = company only. */
  senderUserId: string | null;
  standardTextId: string | null;
}

export interface ComposedDraft extends ResolvedEmail {
  source: MessageSource;
  documentRef: string | null;
  standardTextId: string | null;
  senderUserId: string | null;
}

/**
 * The seed's rules on the server, for every caller: loads what mail-core's one resolution needs
 * (company and user settings, the program's policy, the standard text) and resolves with it. The
 * client only shows what comes out.
 */
export class ComposeService {
  constructor(
    private readonly settings: SettingsService,
    private readonly sendPolicies: SendPoliciesService,
    private readonly standardTexts: StandardTextsService,
    private readonly users: UsersService,
  ) {}

  /**
   * The user a message is sent as. A user always sends as themselves; a service key as the user it
   * names (in its own company), else its default user, else the company alone.
   */
  async senderUserId(caller: Caller, onBehalfOfUserId: string | null | undefined): Promise<string | null> {
    if (caller.kind === 'USER') {
      if (onBehalfOfUserId && onBehalfOfUserId !== caller.userId) throw notInAnotherUsersName();
      return caller.userId;
    }
    const userId = onBehalfOfUserId ?? caller.defaultUserId;
    if (!userId) return null;
    const user = await this.users.get(caller.companyId, userId);
    if (!user.active) throw userInactive();
    return user.id;
  }

  /** One e-mail through mail-core's resolveEmail; a refusal becomes the API's REFUSED with mail-core's text. */
  async resolve(caller: Caller, request: EmailRequest): Promise<ResolvedRequest> {
    const { companyId } = caller;
    const senderUserId = await this.senderUserId(caller, request.onBehalfOfUserId);
    const language = request.language ?? 'FI';
    const subject = request.subject ?? null;
    const body = request.body ?? null;
    const needsText = subject === null || body === null;
    const [company, user, policy, standardText] = await Promise.all([
      this.settings.companySettings(companyId),
      senderUserId ? this.settings.sendingUser(companyId, senderUserId) : Promise.resolve(null),
      this.sendPolicies.get(companyId, request.source),
      !needsText
        ? Promise.resolve(null)
        : request.standardTextId
          ? this.standardTexts.get(companyId, request.standardTextId)
          : this.standardTexts.list(companyId, { source: request.source, language }).then((texts) => texts[0] ?? null),
    ]);
    const result = resolveEmail({
      source: request.source,
      company,
      user,
      policy,
      recipients: { to: request.to ?? [], cc: request.cc ?? [], bcc: request.bcc ?? [] },
      defaultRecipients: request.defaultRecipients ?? 'INCLUDE',
      signature: request.signature ?? 'AUTO',
      subject,
      body,
      standardText,
      // The document's number is its reference unless the caller says otherwise (as the /send link does).
      variables: { ...(request.documentRef?.trim() ? { documentNumber: request.documentRef.trim() } : {}), ...request.variables },
      language,
    });
    if (!result.ok) throw refusedBy(result.refusal);
    return { email: result.email, account: result.account, senderUserId, standardTextId: standardText?.id ?? null };
  }

  /** composeDraft: what the compose dialog opens with — the standard text, the default recipients, the signature. */
  async compose(caller: Caller, request: ComposeRequest): Promise<ComposedDraft> {
    const resolved = await this.resolve(caller, { ...request, subject: null, body: null, defaultRecipients: 'INCLUDE', signature: 'AUTO' });
    return {
      ...resolved.email,
      source: request.source,
      documentRef: request.documentRef ?? null,
      standardTextId: resolved.standardTextId,
      senderUserId: resolved.senderUserId,
    };
  }
}
