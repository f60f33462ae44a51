// Node reads TZ when a date is first formatted; this file runs in its own worker.
process.env.TZ = 'Asia/Kolkata';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronAtLocalTime, dailyAt, localTimeOf } from '../../web/src/admin/schedule-time.ts';

describe("daily schedules in the owner's time", () => {
  it('reads only daily cron expressions as a time of day', () => {
    expect(dailyAt('0 2 * * *')).toEqual({ hour: 2, minute: 0 });
    expect(dailyAt(' 30 23 * * * ')).toEqual({ hour: 23, minute: 30 });
    for (const other of ['0 5 * * 0', '*/5 * * * *', '0 24 * * *', '60 1 * * *', 'at two'])
      expect(dailyAt(other)).toBeNull();
  });

  it("shows the hub's UTC time in the browser's zone, and back (Kolkata is UTC+5:30)", () => {
    expect(localTimeOf('0 2 * * *')).toBe('07:30');
    expect(localTimeOf('45 20 * * *')).toBe('02:15');
    expect(localTimeOf('0 5 * * 0')).toBeNull();
    expect(cronAtLocalTime('23:45')).toBe('15 18 * * *');
    expect(cronAtLocalTime('03:00')).toBe('30 21 * * *');
  });

  it('gives back the same schedule after a round trip through the time field', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (hour, minute) => {
          const cron = `${minute} ${hour} * * *`;
          expect(cronAtLocalTime(localTimeOf(cron)!)).toBe(cron);
        },
      ),
    );
  });
});
