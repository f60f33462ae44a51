import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';

/** How often an idle event stream sends a comment, so proxies and phones keep it open. */
const KEEPALIVE_MS = 25_000;

/**
 * A server-sent event stream that stays open until the client leaves: `open` subscribes and
 * returns its unsubscribe, called once the client is gone. Both of the hub's streams (the
 * devices' nudges, the admin page's jobs) need the same keepalive and teardown.
 */
export function openStream(
  c: Context,
  open: (stream: SSEStreamingApi) => Promise<() => void> | (() => void),
): Response {
  return streamSSE(c, async (stream) => {
    const close = await open(stream);
    const keepalive = setInterval(() => void stream.write(': keepalive\n\n'), KEEPALIVE_MS);
    await new Promise<void>((resolve) => stream.onAbort(resolve));
    clearInterval(keepalive);
    close();
  });
}
