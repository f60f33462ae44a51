import type { CatalogSummary } from '../../../shared/catalog.ts';
import type { VaultDb } from './db.ts';
import type { SyncEngine } from './sync-engine.ts';

/** The hub's whole catalog as the device reaches it: at home, through the paired hub. */
export class DeviceCatalog {
  constructor(private readonly engine: SyncEngine) {}

  get #db(): VaultDb {
    return this.engine.db;
  }

  #client() {
    return this.engine.pairedClient();
  }

  /** Releases, masters, artists and labels matching `q`, best first. Throws HubUnreachable away from home. */
  async search(q: string, signal?: AbortSignal): Promise<CatalogSummary[]> {
    return (await (await this.#client()).searchCatalog(q, signal)).results;
  }

  /** A master and its versions (the first 100), from the hub; undefined when the catalog lacks it. */
  async master(id: number) {
    return (await this.#client()).catalogMaster(id);
  }

  async discography(kind: 'artist' | 'label', id: number) {
    return (await this.#client()).discography(kind, id);
  }

  /** The catalog's pressings with this barcode. Throws HubUnreachable away from home. */
  async byBarcode(code: string): Promise<CatalogSummary[]> {
    return (await (await this.#client()).releasesByBarcode(code)).results;
  }

  /**
   * Makes sure the device holds release `id`'s document, fetching it from the hub's catalog
   * when it does not (kept for offline). False when the catalog has no such release.
   */
  async keepRelease(id: number): Promise<boolean> {
    if ((await this.#db.releases.get(id)) ?? (await this.#db.catalog.get(id))) return true;
    const doc = await (await this.#client()).catalogRelease(id);
    if (doc) await this.#db.catalog.put(doc);
    return doc !== undefined;
  }
}
