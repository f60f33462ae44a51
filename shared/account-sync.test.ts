import { describe, expect, it } from 'vitest';
import { VALUE_HISTORY_DAYS, withValue, type CollectionValue } from './account-sync.ts';

const value = (fetched_at: string, median = '€1.00'): CollectionValue => ({
  minimum: '€0.50',
  median,
  maximum: '€2.00',
  fetched_at,
});

describe('the collection value over time', () => {
  it('keeps one value a day, the day’s latest, oldest first', () => {
    let history: CollectionValue[] = [];
    history = withValue(history, value('2026-11-01T03:00:00.000Z', '€10.00'));
    history = withValue(history, value('2026-11-02T03:00:00.000Z', '€11.00'));
    history = withValue(history, value('2026-11-02T18:00:00.000Z', '€12.00'));
    expect(history.map((v) => v.median)).toEqual(['€10.00', '€12.00']);
  });

  it(`keeps at most ${VALUE_HISTORY_DAYS} days`, () => {
    let history: CollectionValue[] = [];
    const start = Date.UTC(2000, 0, 1);
    for (let d = 0; d < VALUE_HISTORY_DAYS + 5; d++)
      history = withValue(history, value(new Date(start + d * 86_400_000).toISOString()));
    expect(history).toHaveLength(VALUE_HISTORY_DAYS);
    expect(history[0]!.fetched_at).toBe(new Date(start + 5 * 86_400_000).toISOString());
  });
});
