import { fork } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { createBenchCompany, prepareCompany } from '../api/bench-company';
import { sqliteDatabase } from '../api/bench-database';
import { graphql } from '../api/http-client';
import { ApiProcess } from '../api/node-process';
import { say } from '../report/progress';
import { fmt, profileDirFor, type ResultRow, type ScenarioContext } from './scenario';

const CONNECTIONS = 50;
const WARM_UP_SECONDS = 2;

const COMPOSE = `query Draft($input: ComposeDraftInput!) {
  composeDraft(input: $input) {
    source documentRef language sendMode defaultOutput delivery attachmentsAllowed smtpAccountOwner standardTextId
    from { name address formatted } to { name address formatted } subject body missingPlaceholders
  }
}`;

const VARIABLES = {
  input: {
    source: 'SALES_ORDER',
    documentRef: 'MT-1001',
    to: ['"Virtanen, Matti" <matti.virtanen@asiakas.example>; osto@asiakas.example'],
    variables: { documentNumber: 'MT-1001', customerName: 'Asiakas Oy' },
  },
};

/** What the compose dialog opens with: a standard text with placeholders and a signature to append. */
async function prepareDrafts(url: string, token: string): Promise<void> {
  await graphql(
    url,
    'mutation Text($input: StandardTextInput!) { upsertStandardText(input: $input) { id } }',
    {
      input: {
        source: 'SALES_ORDER',
        language: 'FI',
        name: 'Tilausvahvistus',
        subject: 'Tilausvahvistus {{documentNumber}}',
        body: 'Hei {{customerName}},\n\nkiitos tilauksestanne {{documentNumber}}. Liitteenä tilausvahvistus.\n',
      },
    },
    token,
  );
  await graphql(
    url,
    'mutation Me($input: UserMailSettingsInput!) { updateMyMailSettings(input: $input) { email } }',
    { input: { signatureLines: ['Ystävällisin terveisin', 'Matti Myyjä', 'Bench Oy', 'puh. 040 123 4567'] } },
    token,
  );
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url: `${url}/graphql`, method: 'POST', connections: CONNECTIONS, duration: seconds, headers, body: JSON.stringify({ query: COMPOSE, variables: VARIABLES }) });
}

async function measure(label: string, url: string, headers: Record<string, string>, seconds: number): Promise<number> {
  await load(url, headers, WARM_UP_SECONDS);
  const result = await load(url, headers, seconds);
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${label}: ${bad} of ${result.requests.total} requests failed (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
  say(`  ${label}: ${fmt.int(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  return result.requests.average;
}

/** composeDraft at 50 connections (autocannon) against a bare Apollo server answering the same draft as a constant. */
export async function readPathScenario(ctx: ScenarioContext): Promise<ResultRow[]> {
  const { sink, options } = ctx;
  const seconds = options.readSeconds;
  const scenario = 'read-path-sqlite';
  const db = sqliteDatabase();
  let api: ApiProcess | null = null;
  const bare = fork(path.join(__dirname, 'bare-apollo.child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const company = await createBenchCompany(db.env);
    api = await ApiProcess.start({ env: db.env, label: `api-${scenario}`, profileDir: profileDirFor(ctx, scenario) });
    const token = await prepareCompany(api.url, company, sink.port);
    await prepareDrafts(api.url, token);
    const { composeDraft } = await graphql<{ composeDraft: unknown }>(api.url, COMPOSE, VARIABLES, token);

    const bareUrl = await new Promise<string>((resolve, reject) => {
      bare.once('message', (raw: unknown) => resolve((raw as { url: string }).url));
      bare.once('exit', (code) => reject(new Error(`the bare Apollo server exited (${code})`)));
      bare.send({ draft: composeDraft });
    });
    const constant = await graphql<{ composeDraft: unknown }>(bareUrl, COMPOSE, VARIABLES);
    if (JSON.stringify(constant.composeDraft) !== JSON.stringify(composeDraft)) throw new Error('the bare Apollo server does not answer the same draft');

    const headers = { 'content-type': 'application/json' };
    say(`read path: composeDraft, ${CONNECTIONS} connections, ${seconds} s each (after ${WARM_UP_SECONDS} s of warm-up)`);
    const baseline = await measure('bare Apollo, constant answer', bareUrl, headers, seconds);
    const ours = await measure('API composeDraft (SQLite)', api.url, { ...headers, authorization: `Bearer ${token}` }, seconds);
    const ratio = ours / baseline;
    say(`  ratio ${fmt.ratio(ratio)}`);
    return [
      {
        benchmark: `Read path: composeDraft, ${CONNECTIONS} connections, ${seconds} s, SQLite`,
        measured: `${fmt.int(ours)} req/s`,
        baseline: `bare Apollo, constant: ${fmt.int(baseline)} req/s`,
        ratio: fmt.ratio(ratio),
        target: '≥ 0.5',
        met: ratio >= 0.5,
        scenario,
      },
    ];
  } finally {
    if (bare.connected) bare.disconnect();
    await api?.stop();
    await db.drop();
  }
}
