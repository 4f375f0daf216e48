import { resolveDraft, type Draft } from '@maestro/mail-core';
import type { Language, MessageSource } from '@maestro/settings-schema';
import type { Caller } from '../../common/caller';
import { UserFacingError } from '../../common/user-facing-error';
import type { SendPoliciesService } from '../send-policies/send-policies.service';
import type { SettingsService } from '../settings/settings.service';
import type { StandardTextsService } from '../standard-texts/standard-texts.service';
import type { UsersService } from '../users/users.service';

export interface ComposeRequest {
  source: MessageSource;
  documentRef?: string | null;
  to?: string[] | null;
  language?: Language | null;
  standardTextId?: string | null;
  variables?: Record<string, string> | null;
  onBehalfOfUserId?: string | null;
}

export interface ComposedDraft extends Draft {
  source: MessageSource;
  documentRef: string | null;
  standardTextId: string | null;
  /** The user whose settings (sender, signature, SMTP account) the draft uses; null = company only. */
  senderUserId: string | null;
}

/** composeDraft: the server resolves sender, account, recipients and text; the client only shows it. */
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
      if (onBehalfOfUserId && onBehalfOfUserId !== caller.userId) {
        throw new UserFacingError('FORBIDDEN', {
          fi: 'Viestiä ei voi lähettää toisen käyttäjän nimissä.',
          en: "You cannot send in another user's name.",
        });
      }
      return caller.userId;
    }
    const userId = onBehalfOfUserId ?? caller.defaultUserId;
    if (!userId) return null;
    const user = await this.users.get(caller.companyId, userId);
    if (!user.active) {
      throw new UserFacingError('REFUSED', { fi: 'Käyttäjä ei ole enää käytössä.', en: 'The user is no longer active.' });
    }
    return user.id;
  }

  async compose(caller: Caller, request: ComposeRequest): Promise<ComposedDraft> {
    const { companyId } = caller;
    const senderUserId = await this.senderUserId(caller, request.onBehalfOfUserId);
    const language = request.language ?? 'FI';
    const [company, user, policy, standardText] = await Promise.all([
      this.settings.companySettings(companyId),
      senderUserId ? this.settings.userSettings(companyId, senderUserId) : Promise.resolve(null),
      this.sendPolicies.get(companyId, request.source),
      request.standardTextId
        ? this.standardTexts.get(companyId, request.standardTextId)
        : this.standardTexts.list(companyId, { source: request.source, language }).then((texts) => texts[0] ?? null),
    ]);
    const result = resolveDraft({
      source: request.source,
      company,
      user,
      policy,
      callerRecipients: request.to ?? [],
      standardText,
      variables: request.variables ?? {},
      language,
    });
    if (!result.ok) throw new UserFacingError('REFUSED', result.refusal.message, { reason: result.refusal.code, extra: result.refusal.pieces ? { pieces: result.refusal.pieces } : {} });
    return {
      ...result.draft,
      source: request.source,
      documentRef: request.documentRef ?? null,
      standardTextId: standardText?.id ?? null,
      senderUserId,
    };
  }
}
