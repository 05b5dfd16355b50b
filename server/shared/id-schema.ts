import { z } from 'zod';
import type { IdPrefix } from './ids.js';

/** A zod schema for one of our ids (`cmp_…`): a malformed id is a 422 naming the field, never a database lookup. */
export const idOf = (prefix: IdPrefix, what: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `${what} id (${prefix}_…)`);

/** `/:id` path parameters. */
export const idParams = (prefix: IdPrefix, what: string) => z.object({ id: idOf(prefix, what) }).strict();

/** Any of our ids, whatever it names: cursors carry them back. */
export const anyId = z.string().regex(/^[a-z]{3}_[0-9a-z]{26}$/, 'an id');
