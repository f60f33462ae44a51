import type { ServedHub } from './cli.ts';

/** Reads a server-sent event stream until `until` returns true for an event. */
export async function readEvents(hub: ServedHub, path: string, until: (event: string, data: unknown) => boolean): Promise<Array<{ event: string; data: unknown }>> {
  const res = await hub.api(path);
  const seen: Array<{ event: string; data: unknown }> = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
      seen.push({ event, data });
      // Returning from the for-await loop cancels the stream.
      if (until(event, data)) return seen;
    }
  }
  return seen;
}
