/** The delta-sync contract between hub and devices (design.md, Delta sync). */
export type SyncEntity = 'instance' | 'folder' | 'field' | 'want' | 'release' | 'play' | 'setting';

export interface Change {
  seq: number;
  entity: SyncEntity;
  id: string;
  op: 'put' | 'del';
  value?: unknown;
}

export type PullResponse =
  /** `remaining`: how many changes are after this page, for a progress bar. */
  | {
      reset: false;
      epoch: string;
      cursor: number;
      hasMore: boolean;
      remaining: number;
      changes: Change[];
    }
  /** The device's epoch is another, or its cursor is older than the retained log: clear and pull from 0. */
  | { reset: true; epoch: string };
