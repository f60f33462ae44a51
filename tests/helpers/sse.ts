import { EventSourceParserStream } from 'eventsource-parser/stream';

type SseEvent = { event: string; data: unknown };

/** The events of a server-sent event response, parsed by eventsource-parser as the app parses them. */
export async function* sseEvents(res: Response): AsyncGenerator<SseEvent> {
  const messages = res
    .body!.pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  // Leaving the loop (break, or the caller's return()) cancels the stream.
  for await (const m of messages as unknown as AsyncIterable<{ event?: string; data: string }>)
    yield { event: m.event ?? 'message', data: JSON.parse(m.data) };
}

/** Reads an admin event stream of the hub until `until` returns true for an event. */
export async function readEvents(
  hub: { api(path: string, init?: RequestInit): Promise<Response> },
  path: string,
  until: (event: string, data: unknown) => boolean,
): Promise<SseEvent[]> {
  const seen: SseEvent[] = [];
  for await (const e of sseEvents(await hub.api(path))) {
    seen.push(e);
    if (until(e.event, e.data)) break;
  }
  return seen;
}
