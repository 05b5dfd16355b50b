import { z } from 'zod';

/**
 * `schema` or null, for a schema named in the API document (`.meta({ id })`). zod-to-openapi reads a name through
 * `.nullable()`, so that would make the shared component itself nullable, or answer an `allOf` that no null passes;
 * a union says it right: `oneOf: [{ $ref }, { type: 'null' }]`. Plain schemas keep `.nullable()`.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);
