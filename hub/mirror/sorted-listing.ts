import { HTTPException } from 'hono/http-exception';

/**
 * The `sort` and `sort_order` of the API's listings that have them (an artist's releases, a
 * master's versions). The catalog keeps them in their default order only, so another order
 * sorts the whole listing's rows by that field of each row, then pages; past SORTABLE rows it
 * refuses, rather than read every document of an artist with 100,000 credits.
 */
export const SORTABLE = 5000;

export interface SortOrder {
  field: string;
  descending: boolean;
}

export function sortOrderOf(
  query: Record<string, string>,
  fields: readonly string[],
): SortOrder | undefined {
  const { sort, sort_order: order } = query;
  if (order !== undefined && order !== 'asc' && order !== 'desc')
    throw new HTTPException(400, { message: 'sort_order: asc or desc' });
  if (sort === undefined) return undefined;
  if (!fields.includes(sort))
    throw new HTTPException(400, { message: `sort: one of ${fields.join(', ')}` });
  return { field: sort, descending: order === 'desc' };
}

/** Rows in `order`: by the field's value (numbers as numbers), rows without it last. */
export function sortRows(rows: object[], order: SortOrder): object[] {
  const valueOf = (row: object) => (row as Record<string, unknown>)[order.field];
  const sign = order.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = valueOf(a);
    const y = valueOf(b);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    const by =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y), 'en', { sensitivity: 'base', numeric: true });
    return sign * by;
  });
}

export function refuseUnsortable(total: number): void {
  if (total > SORTABLE)
    throw new HTTPException(400, {
      message: `sort: this listing has ${total.toLocaleString('en')} rows; the hub sorts listings of up to ${SORTABLE.toLocaleString('en')} (the default order pages any length)`,
    });
}
