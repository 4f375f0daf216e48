import dns2 from 'dns2';

const { Packet } = dns2;
/** RFC 1035's "name does not exist" (dns2's types leave RCODE out). */
const NXDOMAIN = 3;

/** The records of one name. TXT strings longer than 255 bytes are split as DNS requires. */
export interface DnsRecords {
  TXT?: string[];
  CNAME?: string;
  A?: string[];
  AAAA?: string[];
  MX?: Array<{ exchange: string; priority: number }>;
}

/** Names (any case, no trailing dot) and their records; a name that is not here is NXDOMAIN. */
export type DnsZone = Record<string, DnsRecords>;

export interface RunningDnsServer {
  host: string;
  port: number;
  /** `127.0.0.1:<port>`, as `dns.Resolver#setServers` takes it. */
  address: string;
  /** The zone served; a live object: change it to change the answers. */
  zone: DnsZone;
  /** Every question asked, in order: proves a lookup was (or was not) made. */
  readonly questions: Array<{ name: string; type: string }>;
  close(): Promise<void>;
}

const TYPE_NAMES = new Map<number, string>(Object.entries(Packet.TYPE as Record<string, number>).map(([name, code]) => [code, name]));

function chunks(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 255) out.push(bytes.subarray(i, i + 255).toString('utf8'));
  return out.length ? out : [''];
}

/**
 * A DNS server on loopback (UDP, port 0) answering from a zone given by the test, so DNS checks
 * (SPF, DKIM, DMARC) run against records the test controls and never reach the network. Point a
 * `dns.promises.Resolver` at it with `setServers([server.address])`.
 */
export async function startDnsServer(zone: DnsZone): Promise<RunningDnsServer> {
  const questions: Array<{ name: string; type: string }> = [];
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = (question?.name ?? '').toLowerCase().replace(/\.$/, '');
      const type = TYPE_NAMES.get(question?.type ?? 0) ?? String(question?.type);
      questions.push({ name, type });
      const records = Object.entries(zone).find(([key]) => key.toLowerCase() === name)?.[1];
      if (!records) {
        response.header.rcode = NXDOMAIN;
        void send(response);
        return;
      }
      const base = { name: question?.name ?? name, class: Packet.CLASS.IN, ttl: 60 };
      // dns2 encodes plain objects; its types ask for its own Resource class.
      const answer = (record: Record<string, unknown>) => response.answers.push({ ...base, ...record } as unknown as (typeof response.answers)[number]);
      if (records.CNAME && type !== 'CNAME') {
        answer({ type: Packet.TYPE.CNAME, domain: records.CNAME });
      } else if (type === 'CNAME' && records.CNAME) {
        answer({ type: Packet.TYPE.CNAME, domain: records.CNAME });
      } else if (type === 'TXT') {
        for (const text of records.TXT ?? []) answer({ type: Packet.TYPE.TXT, data: chunks(text) });
      } else if (type === 'A') {
        for (const address of records.A ?? []) answer({ type: Packet.TYPE.A, address });
      } else if (type === 'AAAA') {
        for (const address of records.AAAA ?? []) answer({ type: Packet.TYPE.AAAA, address });
      } else if (type === 'MX') {
        for (const mx of records.MX ?? []) answer({ type: Packet.TYPE.MX, exchange: mx.exchange, priority: mx.priority });
      }
      void send(response);
    },
  });
  // A malformed packet is the sender's problem, not a reason to fail the test run.
  server.on('requestError', () => undefined);
  server.on('error', () => undefined);
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const port = (addresses as { udp?: { port: number } }).udp?.port ?? 0;
  return {
    host: '127.0.0.1',
    port,
    address: `127.0.0.1:${port}`,
    zone,
    get questions() {
      return questions.slice();
    },
    close: () => server.close(),
  };
}
