import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface LanResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text(): string;
  json<T>(): T;
}

export interface LanRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** For https: the only CA trusted, as a phone that trusts the hub's. */
  ca?: string;
  /** The address the request leaves from (127.0.0.2 is another machine of the LAN, to the hub). */
  localAddress?: string;
}

// Every name resolves to loopback: the request goes to this machine whatever name it carries.
const loopback: LookupFunction = (_host, options, done) =>
  (options as { all?: boolean }).all
    ? (done as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
        { address: '127.0.0.1', family: 4 },
      ])
    : done(null, '127.0.0.1', 4);

/**
 * A request to the hub by one of its LAN names (mapped to 127.0.0.1), as a phone's looks to the
 * hub: its `Host` is that name. Node's fetch can neither be given a CA nor a `Host` of its own.
 */
export function lanRequest(url: string, init: LanRequestInit = {}): Promise<LanResponse> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? 'GET',
        headers: init.headers,
        ca: init.ca,
        lookup: loopback,
        localAddress: init.localAddress,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: () => body.toString('utf8'),
            json: <T>() => JSON.parse(body.toString('utf8')) as T,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
