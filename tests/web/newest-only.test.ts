import { describe, expect, it } from 'vitest';
import { newestOnly } from '../../web/src/admin/admin-api.ts';

describe('newestOnly', () => {
  it('never lets an older answer that arrives last replace a newer one', async () => {
    const answers: Array<(value: string) => void> = [];
    const shown: string[] = [];
    const load = newestOnly(
      () => new Promise<string>((resolve) => answers.push(resolve)),
      (value) => shown.push(value),
    );
    const first = load();
    const second = load();
    answers[1]!('new');
    await second;
    answers[0]!('old');
    await first;
    expect(shown).toEqual(['new']);
    const third = load();
    answers[2]!('newer');
    await third;
    expect(shown).toEqual(['new', 'newer']);
  });
});
