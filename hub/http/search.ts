import { Hono } from 'hono';
import { z } from 'zod';
import { kinds } from '../../shared/catalog.ts';
import type { CatalogStore } from '../catalog/catalog-store.ts';
import type { DiscogsAccount } from '../discogs/account.ts';
import { searchEverywhere } from '../discogs/search.ts';
import { valid } from './validate.ts';

const query = z
  .object({
    q: z.string().trim().min(1).optional(),
    type: z.enum(kinds).optional(),
    barcode: z.string().trim().min(1).optional(),
    catno: z.string().trim().min(1).optional(),
    remote: z.enum(['0', '1']).default('1'),
  })
  .refine((v) => v.q || v.barcode || v.catno, 'give q, barcode or catno');

/** `GET /api/search`: the local catalog, plus Discogs when online (`remote=0` to skip it). */
export function searchRoutes(store: CatalogStore, account: DiscogsAccount) {
  return new Hono().get('/', valid('query', query), async (c) => {
    const q = c.req.valid('query');
    return c.json(await searchEverywhere(store, account, q, q.remote === '1'));
  });
}
