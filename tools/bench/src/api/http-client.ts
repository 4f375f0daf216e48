import http from 'node:http';
import type { Readable } from 'node:stream';

/**
 * A small keep-alive HTTP client on node:http: lighter than fetch, so the load generator takes less of
 * the CPU the measured processes need (this machine may have only two cores).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface HttpAnswer {
  status: number;
  body: string;
}

export function request(url: string, options: { method?: string; headers?: Record<string, string | number>; body?: string | Buffer | Readable }): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const body = options.body;
    if (body === undefined) req.end();
    else if (typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}

export class GraphqlError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: unknown,
  ) {
    super(message);
  }
}

/** One GraphQL operation; throws GraphqlError with the server's errors when there are any. */
export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'accept-language': 'en' };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = JSON.stringify({ query, variables });
  headers['content-length'] = Buffer.byteLength(body);
  const answer = await request(`${url}/graphql`, { method: 'POST', headers, body });
  let parsed: { data?: T; errors?: Array<{ message: string }> };
  try {
    parsed = JSON.parse(answer.body) as typeof parsed;
  } catch {
    throw new GraphqlError(`HTTP ${answer.status}: ${answer.body.slice(0, 200)}`, answer.status, null);
  }
  if (parsed.errors?.length || !parsed.data) {
    throw new GraphqlError(parsed.errors?.map((e) => e.message).join('; ') ?? `HTTP ${answer.status} without data`, answer.status, parsed.errors);
  }
  return parsed.data;
}

/** Close idle keep-alive sockets, so the bench can exit. */
export function closeHttpClient(): void {
  agent.destroy();
}
