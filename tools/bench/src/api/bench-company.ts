import { randomBytes } from 'node:crypto';
import { graphql } from './http-client';
import { runCli } from './node-process';

export const BENCH_COMPANY = 'Bench Oy';
const USERNAME = 'bench';

export interface BenchCompany {
  username: string;
  password: string;
}

/** The company and its admin, made with the operator CLI before the API starts (as an operator would). */
export async function createBenchCompany(env: Record<string, string>, name = BENCH_COMPANY, username = USERNAME): Promise<BenchCompany> {
  const password = randomBytes(18).toString('base64url');
  await runCli(['company:create', '--name', name], env);
  // `--password=…` in one argument: a base64url password may begin with '-', which the parser would take for an option.
  await runCli(['user:create', '--company', name, '--username', username, `--password=${password}`, '--role', 'ADMIN'], env);
  return { username, password };
}

/** Log in and point the company's SMTP settings at the sink; returns the bearer token. */
export async function prepareCompany(url: string, company: BenchCompany, sinkPort: number): Promise<string> {
  const { login } = await graphql<{ login: { token: string } }>(
    url,
    'mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { token } }',
    { username: company.username, password: company.password },
  );
  await graphql(
    url,
    `mutation Settings($input: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $input) { companyEmail } }`,
    {
      input: {
        enabledChannels: 'EMAIL_AND_SMS',
        companyEmail: 'myynti@bench-oy.example',
        senderName: 'Bench Oy myynti',
        // A cap of 5 connections, like the baseline's pool of 5: like is compared with like.
        smtp: { host: '127.0.0.1', port: sinkPort, encryption: 'NONE', authEnabled: false, maxConnections: 5 },
      },
    },
    login.token,
  );
  return login.token;
}
