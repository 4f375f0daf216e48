import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export interface SelfSignedCertificate {
  /** Private key, PEM: give it to the server. */
  key: string;
  /** Certificate, PEM: give it to the server, and to the client as its trusted CA. */
  cert: string;
}

/**
 * A fresh self-signed certificate for the given names (DNS names or IP addresses; by default
 * localhost and 127.0.0.1), made in the test that uses it. The client trusts it through its `ca`
 * option — never through NODE_TLS_REJECT_UNAUTHORIZED. EC P-256: generated in milliseconds.
 */
export async function makeSelfSignedCertificate(hostnames: string[] = ['localhost', '127.0.0.1']): Promise<SelfSignedCertificate> {
  const [commonName = 'localhost'] = hostnames;
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 24 * 60 * 60_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: hostnames.map((name) => (isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name })),
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
