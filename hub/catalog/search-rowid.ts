import { kinds, type Kind } from '../../shared/catalog.ts';

// One FTS index serves every kind: the rowid packs the record id and its kind.
export function searchRowid(kind: Kind, id: number): number {
  return id * 4 + kinds.indexOf(kind);
}

export function fromSearchRowid(rowid: number): { kind: Kind; id: number } {
  return { kind: kinds[rowid % 4]!, id: Math.floor(rowid / 4) };
}
