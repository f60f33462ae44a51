import { z } from 'zod';

/**
 * The Discogs API's responses as the hub reads them (recorded in 2026 and in Discogs' own
 * documentation): what is required is required, optional fields may be absent or null, and
 * fields the hub does not use pass unread. Items of a listing are checked one by one, so one
 * malformed item is skipped and named instead of failing the sync (collection-sync.ts).
 */
const id = z.number().int();
/** Discogs writes absent text as null, "" or nothing at all. */
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');
const basicInformation = z.record(z.string(), z.unknown());

export const apiPaginationSchema = z.object({
  page: id,
  pages: id,
  per_page: id.optional(),
  items: id.optional(),
});
export type ApiPagination = z.infer<typeof apiPaginationSchema>;

/** A page of a listing: the items are checked apart. */
export const apiListingSchema = <K extends string>(key: K) =>
  z
    .object({ pagination: apiPaginationSchema })
    .extend({ [key]: z.array(z.unknown()) } as Record<K, z.ZodArray<z.ZodUnknown>>);

/** An item of `GET /users/{u}/collection/folders/{f}/releases`. */
export const apiInstanceSchema = z.object({
  id,
  instance_id: id,
  folder_id: id,
  rating: id.nullish().transform((v) => v ?? 0),
  date_added: z.string(),
  /** Absent when no field has a value. */
  notes: z
    .array(z.object({ field_id: id, value: text }))
    .nullish()
    .transform((v) => v ?? []),
  basic_information: basicInformation,
});
export type ApiInstance = z.input<typeof apiInstanceSchema>;

/** An item of `GET /users/{u}/wants`; Discogs' own example has no `date_added`. */
export const apiWantSchema = z.object({
  id,
  rating: id.nullish().transform((v) => v ?? 0),
  notes: text,
  date_added: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  basic_information: basicInformation,
});
export type ApiWant = z.input<typeof apiWantSchema>;

export const apiFoldersSchema = z.object({
  folders: z.array(
    z.object({ id, name: z.string(), count: id.nullish().transform((v) => v ?? 0) }),
  ),
});

export const apiFieldsSchema = z.object({
  fields: z.array(
    z.object({
      id,
      name: z.string(),
      type: z.string(),
      position: id,
      public: z
        .boolean()
        .nullish()
        .transform((v) => v ?? false),
      options: z
        .array(z.string())
        .nullish()
        .transform((v) => v ?? undefined),
      lines: id.nullish().transform((v) => v ?? undefined),
    }),
  ),
});

export const apiValueSchema = z.object({
  minimum: z.string(),
  median: z.string(),
  maximum: z.string(),
});

/** `GET /oauth/identity`: whose token it is. */
export const apiIdentitySchema = z.object({ id, username: z.string().min(1) });

/** `GET /releases/{id}`: stored whole as the release's document; it must at least be that release. */
export const apiReleaseSchema = z.looseObject({ id, title: z.string() });
