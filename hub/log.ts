import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { RecentProblems } from './jobs/recent-problems.ts';

export type { Logger };

/**
 * Where the server logs: on a terminal, readable lines (pino-pretty); anywhere else (systemd's
 * journal, a pipe, a file) one JSON object per line, which the journal and log tools read.
 */
export function logDestination(
  stdout: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
): pino.DestinationStream {
  if (!stdout.isTTY) return stdout;
  return pretty({
    destination: stdout,
    sync: true,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
    ignore: 'pid,hostname',
  });
}

/**
 * The hub's logger. Redaction is a second line of defence: request logging never passes
 * headers or bodies, but if a caller logs an object carrying a token it still comes out masked.
 */
export function createLogger(
  level: pino.Level | 'silent',
  destination?: pino.DestinationStream,
  problems?: RecentProblems,
): Logger {
  // With `problems`, warnings and errors also go to the admin page's list (whatever the level).
  const out = problems
    ? pino.multistream([
        { level: level === 'silent' ? 'fatal' : level, stream: destination ?? process.stdout },
        { level: 'warn', stream: problems },
      ])
    : destination;
  return pino(
    {
      level:
        problems && (level === 'silent' || pino.levels.values[level]! > pino.levels.values.warn!)
          ? 'warn'
          : level,
      base: undefined,
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          'headers.authorization',
          '*.headers.authorization',
          'token',
          '*.token',
          'password',
          '*.password',
        ],
        censor: '[redacted]',
      },
    },
    out,
  );
}
