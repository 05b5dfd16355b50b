import type { ZodType } from 'zod';
import { newId } from '../../server/shared/ids.js';
import { encodeCursor } from '../../server/shared/pagination.js';

/**
 * The hostile-input sweep's values and the walk that finds where to put them. A field's kind comes from its zod
 * schema (or, under a free-form body, from the sample value), so a field added later is swept without a new test.
 */
export type FieldKind = 'string' | 'datetime' | 'number' | 'cursor';

export interface Target {
  /** Keys from the body or query root, e.g. ['socialLinks', 0, 'url']. */
  path: Array<string | number>;
  kind: FieldKind;
}

export interface Hostile {
  label: string;
  value: unknown;
  /** The value can never be right: the answer must be a 422 naming the field. Otherwise any non-5xx will do. */
  refused: boolean;
}

const day = '2030-01-01T00:00:00.000Z';
const LONG = 'x'.repeat(10_000);

const STRINGS: Hostile[] = [
  { label: 'NUL', value: 'Clip\u0000drop', refused: true },
  { label: 'lone high surrogate', value: 'Clip \ud800 drop', refused: true },
  { label: 'lone low surrogate', value: '\udc00 Clip drop', refused: true },
  { label: 'right-to-left override', value: 'Clip \u202edrop gnilgnoc', refused: false },
  { label: '10,000 characters', value: LONG, refused: false },
];

export const HOSTILE: Record<FieldKind, Hostile[]> = {
  string: STRINGS,
  datetime: [
    ...STRINGS,
    { label: 'year 0000', value: '0000-01-01T00:00:00Z', refused: true },
    { label: 'year 0001', value: '0001-01-01T00:00:00Z', refused: true },
    { label: 'year 10000 once in UTC', value: '9999-12-31T23:00:00-05:00', refused: true },
  ],
  number: [
    { label: '2^31', value: 2_147_483_648, refused: false },
    { label: '1e20', value: 1e20, refused: true },
    { label: '2^53 + 2', value: 2 ** 53 + 2, refused: true },
    { label: '-1', value: -1, refused: false },
    { label: '-(2^31) - 1', value: -2_147_483_649, refused: false },
    { label: '0.5', value: 0.5, refused: false },
  ],
  cursor: [
    ...STRINGS,
    { label: 'INT4 overflow', value: encodeCursor([2_147_483_648, newId('cmp')]), refused: true },
    { label: 'year 0000', value: encodeCursor(['0000-01-01T00:00:00.000Z', newId('cmp')]), refused: true },
    { label: 'NUL id', value: encodeCursor([day, 'cmp_\u0000']), refused: true },
    { label: 'lone surrogate id', value: encodeCursor([day, '\ud800']), refused: true },
  ],
};

interface Def {
  type: string;
  format?: string;
  shape?: Record<string, ZodType>;
  innerType?: ZodType;
  in?: ZodType;
  element?: ZodType;
}
const defOf = (schema: ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Optional, nullable, defaulted and piped schemas are walked as what they accept. */
function unwrap(schema: ZodType): ZodType {
  let at = schema;
  for (let def = defOf(at); ; def = defOf(at)) {
    if (def.innerType) at = def.innerType;
    else if (def.type === 'pipe' && def.in) at = def.in;
    else return at;
  }
}

function kindOfValue(value: unknown): FieldKind | undefined {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  return undefined;
}

/** Every leaf field of `schema` (or of `sample` where the schema says nothing, like a record body). */
export function targetsOf(schema: ZodType | undefined, sample: unknown, path: Array<string | number> = []): Target[] {
  const def = schema ? defOf(unwrap(schema)) : undefined;
  if (def?.type === 'object' && def.shape) {
    const sampleObject = (sample ?? {}) as Record<string, unknown>;
    return Object.entries(def.shape).flatMap(([key, field]) => targetsOf(field, sampleObject[key], [...path, key]));
  }
  if (def?.type === 'array' && def.element)
    return targetsOf(def.element, (sample as unknown[] | undefined)?.[0], [...path, 0]);
  if (def?.type === 'string' || def?.type === 'enum') {
    const last = path.at(-1);
    if (last === 'cursor') return [{ path, kind: 'cursor' }];
    return [{ path, kind: def.format === 'datetime' ? 'datetime' : 'string' }];
  }
  if (def?.type === 'number') return [{ path, kind: 'number' }];
  if (def && def.type !== 'record' && def.type !== 'unknown') return [];
  // No schema to read: the sample's own fields.
  if (Array.isArray(sample)) return sample.length > 0 ? targetsOf(undefined, sample[0], [...path, 0]) : [];
  if (sample !== null && typeof sample === 'object') {
    return Object.entries(sample).flatMap(([key, value]) => targetsOf(undefined, value, [...path, key]));
  }
  const kind = kindOfValue(sample);
  return kind ? [{ path, kind }] : [];
}

/** A copy of `root` with `value` at `path`, creating the containers on the way. */
export function withValue(root: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  const container = Array.isArray(root) ? [...root] : typeof head === 'number' ? [] : { ...((root ?? {}) as object) };
  const copy = container as Record<string | number, unknown>;
  copy[head] = withValue((root as Record<string | number, unknown> | undefined)?.[head], rest, value);
  return copy;
}
