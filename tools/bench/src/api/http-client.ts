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

export interface GraphqlAnswer<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number> }>;
}

/** One GraphQL operation, its data and errors as the server answered them (a list's items may fail alone). */
export async function graphqlAnswer<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphqlAnswer<T>> {
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'accept-language': 'en' };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = JSON.stringify({ query, variables });
  headers['content-length'] = Buffer.byteLength(body);
  const answer = await request(`${url}/graphql`, { method: 'POST', headers, body });
  try {
    return { ...(JSON.parse(answer.body) as Omit<GraphqlAnswer<T>, 'status'>), status: answer.status };
  } catch {
    throw new GraphqlError(`HTTP ${answer.status}: ${answer.body.slice(0, 200)}`, answer.status, null);
  }
}

/** One GraphQL operation; throws GraphqlError with the server's errors when there are any. */
export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const parsed = await graphqlAnswer<T>(url, query, variables, token);
  if (parsed.errors?.length || !parsed.data) {
    throw new GraphqlError(parsed.errors?.map((e) => e.message).join('; ') ?? `HTTP ${parsed.status} without data`, parsed.status, parsed.errors);
  }
  return parsed.data;
}

/** Close idle keep-alive sockets, so the bench can exit. */
export function closeHttpClient(): void {
  agent.destroy();
}
