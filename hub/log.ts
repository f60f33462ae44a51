import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * The hub's logger. Redaction is a second line of defence: request logging never passes
 * headers or bodies, but if a caller logs an object carrying a token it still comes out masked.
 */
export function createLogger(level: pino.Level | 'silent', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['authorization', '*.authorization', 'headers.authorization', '*.headers.authorization', 'token', '*.token', 'password', '*.password'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
