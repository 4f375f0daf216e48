export interface GraphqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: Record<string, unknown> & { code?: string };
}

export interface GraphqlAnswer<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: GraphqlError[];
}

/**
 * A GraphQL client over fetch that keeps every answer's raw text: the secrets test reads them all.
 * Refuses nothing itself; `expectData` is the strict variant for the steps a test relies on.
 */
export class GraphqlClient {
  /** Every response body, as the server sent it. */
  readonly answers: string[] = [];
  token: string | undefined;

  constructor(public baseUrl: string) {}

  async request<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token = this.token): Promise<GraphqlAnswer<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    this.answers.push(text);
    let body: Omit<GraphqlAnswer<T>, 'status'>;
    try {
      body = JSON.parse(text) as Omit<GraphqlAnswer<T>, 'status'>;
    } catch {
      body = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
    }
    return { status: response.status, ...body };
  }

  /** The data, or an error naming the operation's GraphQL errors. */
  async expectData<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token = this.token): Promise<T> {
    const answer = await this.request<T>(query, variables, token);
    if (answer.errors?.length || !answer.data) throw new Error(`GraphQL call failed (${answer.status}): ${JSON.stringify(answer.errors)}\n${query}`);
    return answer.data;
  }

  /** Logs in and returns the token (also kept as this client's default token). */
  async login(username: string, password: string): Promise<string> {
    const data = await this.expectData<{ login: { token: string } }>('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: password }, undefined);
    this.token = data.login.token;
    return this.token;
  }
}

export const SEND_MESSAGE = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id messageId status } }`;

export const UPDATE_COMPANY_SETTINGS = `mutation($input: CompanyMessageSettingsInput!) {
  updateCompanyMessageSettings(input: $input) { companyEmail smtp { host port encryption authEnabled passwordSet } }
}`;

/** Company e-mail settings pointing at an SMTP server on 127.0.0.1 (plain, no AUTH unless `smtp` says so). */
export function companySmtpSettings(port: number, smtp: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enabledChannels: 'EMAIL',
    smtpSendingEnabled: true,
    companyEmail: 'myynti@vika-oy.fi',
    senderName: 'Vika Oy',
    smtp: { host: '127.0.0.1', port, encryption: 'NONE', authEnabled: false, ...smtp },
  };
}
