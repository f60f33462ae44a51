/** The delta-sync contract between hub and devices (design.md, Delta sync). */
export type SyncEntity = 'instance' | 'folder' | 'field' | 'want' | 'release' | 'play';

export interface Change {
  seq: number;
  entity: SyncEntity;
  id: string;
  op: 'put' | 'del';
  value?: unknown;
}

export type PullResponse =
  | { reset: false; epoch: string; cursor: number; hasMore: boolean; changes: Change[] }
  /** The device's epoch is another, or its cursor is older than the retained log: clear and pull from 0. */
  | { reset: true; epoch: string };
