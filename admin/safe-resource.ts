import { Resource } from '@adminjs/prisma';
import type { Filter } from 'adminjs';
import { isStorableText, unstorableText } from '../server/shared/storable-text.js';

/**
 * Columns that never leave the database, not even to admins: hashes of passwords, OTPs and tokens, encrypted
 * OAuth tokens, push keys. Hiding a property in AdminJS only hides it in the UI — records (and every record
 * `populated` into another one) still carry it, and filters and sorts still accept it — so the adapter forgets
 * these columns altogether.
 */
export const SECRET_COLUMNS = [
  'passwordHash',
  'codeHash',
  'tokenHash',
  'accessTokenEnc',
  'refreshTokenEnc',
  // A rotated refresh token's successor, sealed for the refresh grace window.
  'successorSealed',
  'p256dh',
  'auth',
  // Stored API responses can hold tokens issued to their callers.
  'responseBody',
];

type FindParams = Parameters<Resource['find']>[1];

// AdminJS's list default.
const DEFAULT_PAGE_SIZE = 10;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * The page asked for, as whole numbers Prisma takes: AdminJS turns the query's `perPage` and `page` into numbers
 * without checking them, and `perPage=abc`, `2.5` or a negative page would fail the query.
 */
function pageOf({ limit, offset }: NonNullable<FindParams>) {
  return {
    limit: limit === undefined || (isCount(limit) && limit > 0) ? limit : DEFAULT_PAGE_SIZE,
    offset: offset === undefined || isCount(offset) ? offset : 0,
  };
}

export class SafeResource extends Resource {
  constructor(args: ConstructorParameters<typeof Resource>[0]) {
    super(args);
    for (const column of SECRET_COLUMNS) delete this.propertiesObject[column];
  }

  /** Drops filters on columns the resource does not expose (unknown or secret) instead of failing on them. */
  private knownFilters(filter: Filter): Filter {
    for (const [path, entry] of Object.entries(filter?.filters ?? {})) {
      if (!entry.property) delete filter.filters[path];
    }
    return filter;
  }

  /**
   * Whether a filter asks for text PostgreSQL cannot store (NUL, an unpaired surrogate): no row holds such text,
   * so it matches nothing, and asking the database would answer an error page instead.
   */
  private matchesNothing(filter: Filter): boolean {
    return Object.values(filter?.filters ?? {}).some((entry) => unstorableText(entry.value).length > 0);
  }

  override async count(filter: Filter) {
    const known = this.knownFilters(filter);
    return this.matchesNothing(known) ? 0 : super.count(known);
  }

  override async find(filter: Filter, params: FindParams = {}) {
    const known = this.knownFilters(filter);
    if (this.matchesNothing(known)) return [];
    // A sort is an oracle too (`user.passwordHash` orders by a secret of the referenced record).
    const path = params.sort?.sortBy?.split('.') ?? [];
    const unsafe = path.length > 0 && (!this.property(path[0]) || path.some((part) => SECRET_COLUMNS.includes(part)));
    const sort = unsafe ? { ...params.sort, sortBy: undefined } : params.sort;
    return super.find(known, { ...params, ...pageOf(params), sort });
  }

  /** An id with text no row can hold names no record (the record pages, actions and populated references). */
  override async findOne(id: string | number) {
    return isStorableText(String(id)) ? super.findOne(id) : null;
  }

  override async findMany(ids: Array<string | number>) {
    const storable = ids.filter((id) => isStorableText(String(id)));
    return storable.length > 0 ? super.findMany(storable) : [];
  }
}
