import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../shared/mutations.ts';
import { describeEdit, type EditContext } from '../../web/src/data/edit-words.ts';

const context: EditContext = {
  instance: (id) => (id === 7 ? 'Joy Division – Unknown Pleasures' : undefined),
  release: (id) => (id === 99 ? 'Burial – Untrue' : undefined),
  folders: [{ id: 2, name: 'Electronic', count: 3 }],
  fields: [{ id: 3, name: 'Notes', type: 'textarea', position: 1, public: false }],
};
const at = { id: '0b7c6a4e-3f1d-4c55-9a2e-1a2b3c4d5e6f', at: '2026-12-03T10:00:00Z' };
const words = (m: Omit<Mutation, 'id' | 'at'>) =>
  describeEdit({ ...at, ...m } as Mutation, context);

describe('waiting edits in the person’s words', () => {
  it('names what each edit does and to which record', () => {
    expect(words({ type: 'rate', instance_id: 7, rating: 4 })).toEqual({
      what: 'Rated 4 stars',
      record: 'Joy Division – Unknown Pleasures',
    });
    expect(words({ type: 'rate', instance_id: 7, rating: 0 }).what).toBe('Rating cleared');
    expect(words({ type: 'set_field', instance_id: 7, field_id: 3, value: 'mint' }).what).toBe(
      'Notes changed',
    );
    expect(words({ type: 'move', instance_id: 7, folder_id: 2 }).what).toBe('Moved to Electronic');
    expect(words({ type: 'want', release_id: 99 })).toEqual({
      what: 'Added to the wantlist',
      record: 'Burial – Untrue',
    });
    expect(words({ type: 'add', instance_id: -5, release_id: 12, folder_id: 2 })).toEqual({
      what: 'Added to the collection',
      record: 'release 12',
    });
  });

  it('says so when the record is gone from this device', () => {
    expect(words({ type: 'remove', instance_id: 8 }).record).toBe('a record no longer here');
  });
});
