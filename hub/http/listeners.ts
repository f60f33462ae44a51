import { createAdaptorServer, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { ConfigError } from '../config.ts';
import type { PemPair } from '../tls/certificate-files.ts';

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

/**
 * Limits that keep idle or slow clients from starving the hub (measured before them: 1,100
 * idle sockets under `ulimit -n 1024` made every request fail for 75 s). A client gets 10 s to
 * send its headers (and to finish a TLS handshake), a minute for the whole request; one address
 * holds at most 64 sockets and the server 400, so the hub never runs out of file descriptors
 * for its own files and a phone still gets in while another address floods it.
 */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 60_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
const MAX_CONNECTIONS = 400;
const MAX_CONNECTIONS_PER_ADDRESS = 64;

export interface Listeners {
  httpPort: number;
  httpsPort: number;
  /** Serves a new certificate from the next TLS handshake on, without a restart. */
  setCertificate(pair: PemPair): void;
  close(): Promise<void>;
}

/** The hub's HTTP and HTTPS ports, both answering with the same Hono app. */
export async function listen(
  fetch: Fetch,
  options: { host: string; port: number; httpsPort: number; certificate: PemPair },
): Promise<Listeners> {
  // Node reads connectionsCheckingInterval only when a server is made; the timeouts are checked
  // every 2 s instead of every 30.
  const timeouts = {
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: 2_000,
  };
  const http = createAdaptorServer({
    fetch,
    hostname: options.host,
    serverOptions: timeouts,
  }) as Server;
  const https = createAdaptorServer({
    fetch,
    hostname: options.host,
    createServer: createHttpsServer,
    // A TLS socket that never finishes its handshake is dropped after the same 10 s.
    serverOptions: { ...timeouts, ...options.certificate, handshakeTimeout: HEADERS_TIMEOUT_MS },
  }) as HttpsServer;
  const servers = [http, https];
  for (const server of servers) limitConnections(server);
  dropSilentSockets(http);
  try {
    await bind(http, options.host, options.port, 'VINYLVAULT_PORT');
    await bind(https, options.host, options.httpsPort, 'VINYLVAULT_HTTPS_PORT');
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    throw err;
  }
  return {
    httpPort: (http.address() as AddressInfo).port,
    httpsPort: (https.address() as AddressInfo).port,
    setCertificate: (pair) => https.setSecureContext(pair),
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}

function limitConnections(server: Server | HttpsServer): void {
  server.maxConnections = MAX_CONNECTIONS;
  const perAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const open = (perAddress.get(address) ?? 0) + 1;
    if (open > MAX_CONNECTIONS_PER_ADDRESS) {
      socket.destroy();
      return;
    }
    perAddress.set(address, open);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
  });
}

/**
 * Node's headersTimeout starts with the first byte: a plain-HTTP socket that sends nothing at
 * all is never timed out (measured: still open after 12 s with a 3 s limit). It gets 10 s to
 * start its first request; after that Node's own timeouts apply.
 */
function dropSilentSockets(server: Server): void {
  server.on('connection', (socket: Socket) =>
    socket.setTimeout(HEADERS_TIMEOUT_MS, () => socket.destroy()),
  );
  server.on('request', (req: { socket: Socket }) => req.socket.setTimeout(0));
}

function bind(server: ServerType, host: string, port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new ConfigError(`${variable}: port ${port} is already in use`)
          : err,
      );
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: ServerType): Promise<void> {
  if (!server.listening) return Promise.resolve();
  // Open SSE streams would keep close() waiting for ever; they reconnect on their own.
  if ('closeAllConnections' in server) server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
