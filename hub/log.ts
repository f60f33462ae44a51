import pino, { type Logger } from 'pino';
import type { RecentProblems } from './jobs/recent-problems.ts';

export type { Logger };

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
