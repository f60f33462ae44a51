import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UserError } from './errors.ts';

/** Everything the hub reads from its environment, validated once at start (design.md, Configuration). */
export interface Config {
  dataDir: string;
  port: number;
  host: string;
  discogsApiUrl: string;
  dumpsUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The built PWA (`vite build` output); the static server never serves outside it. */
  webDir: string;
  /** Wait before each attempt at a month's dump: immediate, 5, 25, 75, 375 minutes. Tests shrink it. */
  dumpRetrySeconds: number[];
  /** A dump download with no data for this long is dropped and resumed later. */
  dumpStallSeconds: number;
  /** The HTTPS port, beside the HTTP one (design.md, HTTPS). */
  httpsPort: number;
  /** Extra names for the hub's certificate (VINYLVAULT_TLS_HOSTNAMES). */
  tlsHostnames: string[];
  /** The owner's own certificate and key (PEM files), replacing the hub's CA. */
  ownCertificate: { certFile: string; keyFile: string } | null;
  /** Behind a reverse proxy: honour X-Forwarded-Proto and X-Forwarded-Host. */
  trustProxy: boolean;
}

export class ConfigError extends UserError {}

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

const port = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => /^\d+$/.test(v) && Number(v) <= 65535, 'expected a port number from 0 to 65535')
    .transform(Number);

const envSchema = z.object({
  VINYLVAULT_DATA_DIR: z.string().min(1).default('./data'),
  VINYLVAULT_PORT: port('8080'),
  VINYLVAULT_HTTPS_PORT: port('8443'),
  VINYLVAULT_TLS_HOSTNAMES: z
    .string()
    .default('')
    .refine(
      (v) =>
        v
          .split(',')
          .every(
            (n) =>
              n.trim() === '' ||
              /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(n.trim()),
          ),
      'expected host names separated by commas, e.g. vinyl.home,pi.lan',
    )
    .transform((v) =>
      v
        .split(',')
        .map((n) => n.trim().toLowerCase())
        .filter(Boolean),
    ),
  VINYLVAULT_TLS_CERT: z.string().min(1).optional(),
  VINYLVAULT_TLS_KEY: z.string().min(1).optional(),
  VINYLVAULT_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  VINYLVAULT_HOST: z.string().min(1).default('0.0.0.0'),
  DISCOGS_API_URL: z.url().default('https://api.discogs.com'),
  DISCOGS_DUMPS_URL: z.url().default('https://data.discogs.com'),
  VINYLVAULT_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  VINYLVAULT_WEB_DIR: z.string().min(1).default(resolve(packageRoot, 'dist/web')),
  VINYLVAULT_DUMP_RETRY_SECONDS: z
    .string()
    .default('0,300,1500,4500,22500')
    .refine(
      (v) => /^\d+(\.\d+)?(,\d+(\.\d+)?)*$/.test(v),
      'expected comma-separated seconds, e.g. 0,300,1500',
    )
    .transform((v) => v.split(',').map(Number)),
  VINYLVAULT_DUMP_STALL_SECONDS: z
    .string()
    .default('120')
    .refine((v) => /^\d+(\.\d+)?$/.test(v) && Number(v) > 0, 'expected a number of seconds above 0')
    .transform(Number),
});

/** Reads and checks the environment; throws ConfigError with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new ConfigError(`${name}: ${issue.message} (got ${JSON.stringify(env[name])})`);
  }
  const e = parsed.data;
  if (!e.VINYLVAULT_TLS_CERT !== !e.VINYLVAULT_TLS_KEY) {
    throw new ConfigError(
      `${e.VINYLVAULT_TLS_CERT ? 'VINYLVAULT_TLS_KEY' : 'VINYLVAULT_TLS_CERT'}: set both VINYLVAULT_TLS_CERT and VINYLVAULT_TLS_KEY, or neither`,
    );
  }
  const dataDir = resolve(e.VINYLVAULT_DATA_DIR);
  ensureWritableDir(dataDir);
  return {
    dataDir,
    port: e.VINYLVAULT_PORT,
    host: e.VINYLVAULT_HOST,
    discogsApiUrl: e.DISCOGS_API_URL.replace(/\/+$/, ''),
    dumpsUrl: e.DISCOGS_DUMPS_URL.replace(/\/+$/, ''),
    logLevel: e.VINYLVAULT_LOG_LEVEL,
    webDir: resolve(e.VINYLVAULT_WEB_DIR),
    dumpRetrySeconds: e.VINYLVAULT_DUMP_RETRY_SECONDS,
    dumpStallSeconds: e.VINYLVAULT_DUMP_STALL_SECONDS,
    httpsPort: e.VINYLVAULT_HTTPS_PORT,
    tlsHostnames: e.VINYLVAULT_TLS_HOSTNAMES,
    ownCertificate:
      e.VINYLVAULT_TLS_CERT && e.VINYLVAULT_TLS_KEY
        ? { certFile: resolve(e.VINYLVAULT_TLS_CERT), keyFile: resolve(e.VINYLVAULT_TLS_KEY) }
        : null,
    trustProxy: e.VINYLVAULT_TRUST_PROXY === '1',
  };
}

function ensureWritableDir(dir: string): void {
  try {
    // 0700 when made here: it holds the hub's keys, its CA and its state.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError(`VINYLVAULT_DATA_DIR: ${dir} is not a writable directory (${reason})`);
  }
}
