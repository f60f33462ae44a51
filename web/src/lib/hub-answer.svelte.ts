import { HubUnreachable } from '../data/hub-client.ts';

/**
 * What a screen asks the hub's catalog for: the answer once it comes, or why there is none,
 * in words (the catalog lacks it; the device is away from home; the hub failed).
 */
export class HubAnswer<T> {
  value = $state.raw<T | null>(null);
  problem = $state<string | null>(null);

  constructor(
    ask: () => Promise<T | undefined>,
    words: { absent: string; away: string; failed: string },
  ) {
    ask().then(
      (v) => (v === undefined ? (this.problem = words.absent) : (this.value = v)),
      (err: Error) =>
        (this.problem =
          err instanceof HubUnreachable ? words.away : `${words.failed}: ${err.message}`),
    );
  }
}
