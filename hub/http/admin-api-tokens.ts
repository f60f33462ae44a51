import { Hono } from 'hono';
import { z } from 'zod';
import { apiTokenNameSchema } from '../../shared/api-tokens.ts';
import type { ReplyOf } from '../../shared/hub-api.ts';
import type { ApiTokens } from '../auth/api-tokens.ts';
import { valid } from './validate.ts';

/** `/api/admin/api-tokens`: the admin page's list of tokens for the Discogs-compatible API. */
export function adminApiTokenRoutes(tokens: ApiTokens) {
  return new Hono()
    .get('/', (c) => c.json<ReplyOf<'GET /api/admin/api-tokens'>>({ tokens: tokens.list() }))
    .post('/', valid('json', z.object({ name: apiTokenNameSchema })), (c) =>
      c.json<ReplyOf<'POST /api/admin/api-tokens'>, 201>(
        tokens.create(c.req.valid('json').name),
        201,
      ),
    )
    .delete('/:name', (c) => {
      tokens.revoke(c.req.param('name'));
      return c.body(null, 204);
    });
}
