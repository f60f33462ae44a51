import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logDestination } from './log.ts';

/** A stdout stand-in: a terminal or not, collecting what is written. */
function stdout(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
}

describe('where the server logs', () => {
  it('writes readable lines on a terminal', () => {
    const out = stdout(true);
    createLogger('info', logDestination(out.stream)).info({ port: 8080 }, 'hub listening');
    expect(out.text()).toMatch(
      /^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] INFO: hub listening\n {4}port: 8080\n$/,
    );
  });

  it('writes one JSON object per line anywhere else (systemd journal, a pipe), tokens masked', () => {
    const out = stdout(false);
    createLogger('info', logDestination(out.stream)).info(
      { port: 8080, token: 'secret' },
      'hub listening',
    );
    expect(JSON.parse(out.text())).toMatchObject({
      level: 30,
      port: 8080,
      token: '[redacted]',
      msg: 'hub listening',
    });
  });
});
