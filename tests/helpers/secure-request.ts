import { request } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface SecureResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json<T>(): T;
}

// Every name resolves to loopback: the request goes to this machine whatever name it carries.
const loopback: LookupFunction = (_host, options, done) =>
  (options as { all?: boolean }).all ? (done as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4);

/**
 * An HTTPS request to the hub by one of its LAN names (mapped to 127.0.0.1), trusting only `ca`:
 * what a phone's request looks like to the hub, from a test. (Node's fetch cannot be given a CA.)
 */
export function secureRequest(url: string, ca: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<SecureResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, ca, lookup: loopback }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body.toString('utf8')) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
