import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { adminFetch } from './auth.ts';

export const cliPath = fileURLToPath(new URL('../../bin/vinylvault.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `vinylvault ARGS` to completion as a user would, with extra environment. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: { ...process.env, ...env },
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`vinylvault ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`),
      );
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface ServedHub {
  child: ChildProcess;
  /** Plain HTTP on 127.0.0.1: everything, as for the owner at the Pi and scripts. */
  url: string;
  port: number;
  httpsPort: number;
  dataDir: string;
  /** Everything the hub has logged so far. */
  log(): string;
  /** fetch() of a path on the hub, signed in as its admin. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface ServeOptions {
  command?: 'serve' | 'demo';
  /** Runs the hub under `ulimit -n`, as on a small Pi. */
  fileLimit?: number;
}

/** Starts `vinylvault serve` (or `demo`) on free ports and resolves once it listens. */
export function serveHub(
  env: Record<string, string> & { VINYLVAULT_DATA_DIR: string },
  options: ServeOptions = {},
): Promise<ServedHub> {
  const { command = 'serve', fileLimit } = options;
  return new Promise((resolve, reject) => {
    const fullEnv = {
      ...process.env,
      VINYLVAULT_PORT: '0',
      VINYLVAULT_HTTPS_PORT: '0',
      VINYLVAULT_HOST: '127.0.0.1',
      ...env,
    };
    const child = fileLimit
      ? spawn(
          'bash',
          ['-c', `ulimit -n ${fileLimit} && exec "$0" "$@"`, process.execPath, cliPath, command],
          { env: fullEnv, stdio: 'pipe' },
        )
      : spawn(process.execPath, [cliPath, command], { env: fullEnv, stdio: 'pipe' });
    let out = '';
    let started = false;
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.stderr.on('data', (d) => (out += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = !started && /"port":(\d+),"httpsPort":(\d+)/.exec(out);
      if (m) {
        started = true;
        const port = Number(m[1]);
        const url = `http://127.0.0.1:${port}`;
        resolve({
          child,
          port,
          httpsPort: Number(m[2]),
          url,
          dataDir: env.VINYLVAULT_DATA_DIR,
          api: adminFetch(url, env.VINYLVAULT_DATA_DIR),
          log: () => out,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) => {
      if (!started)
        reject(new Error(`vinylvault serve exited with ${code} before listening:\n${out}`));
    });
  });
}
