import type { Agent as HttpAgent } from 'node:http';
import { Agent, request } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export interface HttpsTransportOptions {
  /** A CA (PEM) to trust besides the public roots, e.g. a TLS-inspecting proxy's, or a test stand-in's. */
  ca?: string;
  /** Give up on a request after this long. */
  timeoutMs: number;
}

/** The identity provider could not be reached or did not answer: nothing was decided about the credentials. */
export class IdentityProviderUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityProviderUnreachableError';
  }
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface RawRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | null;
  timeoutMs: number;
  agent: HttpAgent;
  signal?: AbortSignal | null;
}

const MAX_BODY_BYTES = 1024 * 1024;

function send(req: RawRequest): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const { url } = req;
    if (url.protocol !== 'https:') {
      reject(new IdentityProviderUnreachableError(`refusing a non-https identity provider URL (${url.origin})`));
      return;
    }
    const headers = { ...req.headers };
    if (req.body) headers['content-length'] = String(req.body.length);
    const outgoing = request(url, { method: req.method, agent: req.agent, headers, timeout: req.timeoutMs, ...(req.signal ? { signal: req.signal } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) outgoing.destroy(new IdentityProviderUnreachableError(`answer from ${url.host} too large`));
        else chunks.push(chunk);
      });
      res.on('error', (err) => reject(new IdentityProviderUnreachableError(`${url.host}: ${err.message}`)));
      res.on('end', () => {
        const responseHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body: Buffer.concat(chunks) });
      });
    });
    outgoing.on('timeout', () => outgoing.destroy(new IdentityProviderUnreachableError(`no answer from ${url.host} within ${req.timeoutMs} ms`)));
    outgoing.on('error', (err) =>
      reject(err instanceof IdentityProviderUnreachableError ? err : new IdentityProviderUnreachableError(`${url.host}: ${(err as NodeJS.ErrnoException).code ?? err.message}`)),
    );
    outgoing.end(req.body ?? undefined);
  });
}

/**
 * HTTPS for the identity providers' client libraries, over node:https: a CA of our choosing besides
 * the public roots (the tests' stand-in, or a TLS-inspecting proxy), a timeout on every request so a
 * token request never hangs a send, certificates always verified, https only. MSAL's own client and
 * gaxios's fetch take neither a CA nor (for POST) a timeout.
 */
export class HttpsTransport {
  // No keep-alive: a token is fetched about once an hour per account, and an idle socket held open
  // would only keep the process (or a test run) from ending.
  private readonly agent: Agent;
  private failure: string | null = null;

  constructor(private readonly options: HttpsTransportOptions) {
    this.agent = new Agent({ keepAlive: false, ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {}) });
  }

  /** Why the last request failed, if it did: MSAL reports any transport failure as a bare "network_error". */
  get lastFailure(): string | null {
    return this.failure;
  }

  private async recorded(req: Omit<RawRequest, 'agent' | 'timeoutMs'> & { agent?: HttpAgent; timeoutMs?: number }): Promise<RawResponse> {
    try {
      const response = await send({ agent: this.agent, timeoutMs: this.options.timeoutMs, ...req });
      this.failure = null;
      return response;
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      throw err;
    }
  }

  /** MSAL's network seam (`system.networkClient`). */
  networkModule(): INetworkModule {
    const call = async <T>(method: 'GET' | 'POST', url: string, requestOptions: NetworkRequestOptions | undefined, timeoutMs?: number): Promise<NetworkResponse<T>> => {
      const raw = await this.recorded({
        url: new URL(url),
        method,
        headers: { ...requestOptions?.headers },
        body: method === 'POST' ? Buffer.from(requestOptions?.body ?? '', 'utf8') : null,
        ...(timeoutMs ? { timeoutMs } : {}),
      });
      const text = raw.body.toString('utf8');
      let body: unknown = {};
      try {
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        throw new IdentityProviderUnreachableError(`${new URL(url).host} answered ${raw.status} with something other than JSON`);
      }
      return { status: raw.status, headers: raw.headers, body: body as T };
    };
    return {
      sendGetRequestAsync: <T>(url: string, requestOptions?: NetworkRequestOptions, timeout?: number) => call<T>('GET', url, requestOptions, timeout),
      sendPostRequestAsync: <T>(url: string, requestOptions?: NetworkRequestOptions) => call<T>('POST', url, requestOptions),
    };
  }

  /**
   * A `fetch` for gaxios (`fetchImplementation`), which google-auth-library sends through. Without it
   * gaxios loads node-fetch with a dynamic import. An agent gaxios chose (its HTTPS_PROXY support)
   * is used as given.
   */
  fetch(): typeof fetch {
    return async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((value, name) => {
        headers[name] = value;
      });
      const rawBody = init?.body;
      let body: Buffer | null = null;
      if (rawBody instanceof URLSearchParams) {
        body = Buffer.from(rawBody.toString(), 'utf8');
        headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
      } else if (typeof rawBody === 'string') {
        body = Buffer.from(rawBody, 'utf8');
      } else if (rawBody instanceof Uint8Array) {
        body = Buffer.from(rawBody);
      } else if (rawBody !== undefined && rawBody !== null) {
        throw new IdentityProviderUnreachableError('unsupported request body for the identity provider');
      }
      const agent = (init as { agent?: unknown } | undefined)?.agent;
      const raw = await this.recorded({
        url,
        method: init?.method ?? 'GET',
        headers,
        body,
        signal: init?.signal ?? null,
        ...(agent instanceof Agent ? { agent } : {}),
      });
      return new Response(raw.status === 204 || raw.status === 304 ? null : raw.body, { status: raw.status, headers: raw.headers });
    };
  }
}
