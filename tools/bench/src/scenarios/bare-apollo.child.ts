/**
 * The read path's baseline: a bare Apollo server with the API's own schema (apps/api/schema.graphql)
 * whose composeDraft answers a constant — the draft the real API returned in the same run. No auth,
 * no database, no resolution: what GraphQL over HTTP costs by itself. Same CSRF prevention as the API.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSchema } from 'graphql';
import { REPO_ROOT } from '../paths';

interface Start {
  draft: unknown;
}

async function serve(raw: unknown): Promise<void> {
  const { draft } = raw as Start;
  const schema = buildSchema(readFileSync(path.join(REPO_ROOT, 'apps/api/schema.graphql'), 'utf8'));
  const server = new ApolloServer({ schema, rootValue: { composeDraft: () => draft }, csrfPrevention: true });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  process.send?.({ url: url.replace(/\/$/, '') });
}

process.once('message', (raw: unknown) => {
  serve(raw).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});

process.on('disconnect', () => process.exit(0));
