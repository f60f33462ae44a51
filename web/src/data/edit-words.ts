import type { Field, Folder } from '../../../shared/collection.ts';
import type { Mutation } from '../../../shared/mutations.ts';

/** What the device knows to name an edit's record, folder and field with. */
export interface EditContext {
  /** "Artist – Title" of an instance in the collection, or of a release. */
  instance: (instanceId: number) => string | undefined;
  release: (releaseId: number) => string | undefined;
  folders: Folder[];
  fields: Field[];
}

/**
 * An edit waiting for the hub, in the person's words: what it does and to which record
 * ("Rated 4 stars", "Unknown Pleasures – Joy Division"). The product's own vocabulary, so
 * written here.
 */
export function describeEdit(m: Mutation, c: EditContext): { what: string; record: string } {
  const ofInstance = (id: number) => c.instance(id) ?? 'a record no longer here';
  const ofRelease = (id: number) => c.release(id) ?? `release ${id}`;
  switch (m.type) {
    case 'rate':
      return {
        what: m.rating === 0 ? 'Rating cleared' : `Rated ${m.rating} ${m.rating === 1 ? 'star' : 'stars'}`,
        record: ofInstance(m.instance_id),
      };
    case 'set_field': {
      const field = c.fields.find((f) => f.id === m.field_id)?.name ?? 'A note';
      return { what: m.value ? `${field} changed` : `${field} cleared`, record: ofInstance(m.instance_id) };
    }
    case 'move': {
      const folder = c.folders.find((f) => f.id === m.folder_id)?.name ?? 'another folder';
      return { what: `Moved to ${folder}`, record: ofInstance(m.instance_id) };
    }
    case 'remove':
      return { what: 'Removed from the collection', record: ofInstance(m.instance_id) };
    case 'play':
      return { what: 'Play logged', record: ofInstance(m.instance_id) };
    case 'unplay':
      return { what: 'Play removed', record: '' };
    case 'add':
      return { what: 'Added to the collection', record: ofRelease(m.release_id) };
    case 'want':
      return { what: 'Added to the wantlist', record: ofRelease(m.release_id) };
    case 'unwant':
      return { what: 'Removed from the wantlist', record: ofRelease(m.release_id) };
  }
}
