// A fake data.discogs.com: a real HTTP server on 127.0.0.1 serving a year's HTML listing and
// the dump files, with faults a test can switch on per file.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileFaults {
  /** Close the connection after this many bytes, for the next `times` requests. */
  dropAfter?: { bytes: number; times: number };
  /** Send the whole file with 200 even when asked for a Range. */
  ignoreRange?: boolean;
  /** Answer 429 with this Retry-After (seconds) for the next `times` requests. */
  tooMany?: { retryAfter: number; times: number };
  /** Answer 503 for the next `times` requests. */
  unavailable?: { times: number };
  /** Flip one byte of the body for the next `times` requests. */
  corrupt?: { times: number };
  /** Send this many bytes, then nothing more while keeping the connection open. */
  stallAfter?: { bytes: number; times: number };
}

export interface FakeDumpHost {
  url: string;
  /** File name → content; names follow discogs_YYYYMMDD_<kind>.xml.gz. */
  files: Map<string, Buffer>;
  /** Files that exist but are left out of the listing (a month still being published). */
  unlisted: Set<string>;
  faults: Map<string, FileFaults>;
  /** Every request: method, path and query, Range and User-Agent headers. */
  requests: Array<{ method: string; path: string; range?: string; userAgent?: string }>;
  close(): Promise<void>;
}

function listing(host: FakeDumpHost, year: string): string {
  const names = [...host.files.keys()]
    .filter((n) => n.startsWith(`discogs_${year}`) && !host.unlisted.has(n))
    .sort();
  const rows = names.map(
    (n) =>
      `<tr><td><a href="?download=${encodeURIComponent(`data/${year}/${n}`)}">${n}</a></td><td>${host.files.get(n)!.length}</td></tr>`,
  );
  return `<!doctype html><html><body><h1>data/${year}/</h1><table>${rows.join('\n')}</table></body></html>`;
}

function take(f: { times: number } | undefined): boolean {
  if (!f || f.times <= 0) return false;
  f.times--;
  return true;
}

export async function startFakeDumpHost(): Promise<FakeDumpHost> {
  const sockets = new Set<import('node:net').Socket>();
  const host: FakeDumpHost = {
    url: '',
    files: new Map(),
    unlisted: new Set(),
    faults: new Map(),
    requests: [],
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const serveFile = (req: IncomingMessage, res: ServerResponse, name: string) => {
    const body = host.files.get(name);
    if (!body) return res.writeHead(404).end('not found');
    // HEAD only learns the size (the disk-space check); faults are for downloads.
    if (req.method === 'HEAD')
      return res.writeHead(200, { 'content-length': body.length, 'accept-ranges': 'bytes' }).end();
    const f = host.faults.get(name) ?? {};
    if (take(f.tooMany))
      return res.writeHead(429, { 'retry-after': String(f.tooMany!.retryAfter) }).end('slow down');
    if (take(f.unavailable)) return res.writeHead(503).end('unavailable');
    let data = body;
    if (take(f.corrupt)) {
      data = Buffer.from(body);
      data[Math.floor(data.length / 2)]! ^= 0xff;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    let start = 0;
    if (range && !f.ignoreRange) {
      start = Number(range[1]);
      if (start >= data.length)
        return res.writeHead(416, { 'content-range': `bytes */${data.length}` }).end();
      res.writeHead(206, {
        'content-length': data.length - start,
        'content-range': `bytes ${start}-${data.length - 1}/${data.length}`,
        'accept-ranges': 'bytes',
      });
    } else {
      res.writeHead(200, { 'content-length': data.length, 'accept-ranges': 'bytes' });
    }
    const rest = data.subarray(start);
    if (take(f.dropAfter)) {
      // Closed once the bytes are flushed, so the client has exactly them (a timer lost some under load).
      return res.write(rest.subarray(0, f.dropAfter!.bytes), () => req.socket.end());
    }
    if (take(f.stallAfter)) return res.write(rest.subarray(0, f.stallAfter!.bytes));
    res.end(rest);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://fake');
    host.requests.push({
      method: req.method!,
      path: `${url.pathname}${url.search}`,
      range: req.headers.range,
      userAgent: req.headers['user-agent'],
    });
    const prefix = url.searchParams.get('prefix');
    const download = url.searchParams.get('download');
    if (prefix) {
      const year = /^data\/(\d{4})\/$/.exec(prefix)?.[1];
      if (!year) return res.writeHead(404).end();
      return res.writeHead(200, { 'content-type': 'text/html' }).end(listing(host, year));
    }
    if (download) return serveFile(req, res, download.split('/').at(-1)!);
    res.writeHead(404).end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return host;
}
