/**
 * How the account sync's follow-up jobs (release documents, covers) report their requests, so
 * its progress bar and ETA keep moving through them: the count they plan once they know it,
 * then each request as it is made.
 */
export interface RequestTally {
  plan(requests: number): void;
  made(): void;
}

export const uncounted: RequestTally = { plan: () => {}, made: () => {} };
