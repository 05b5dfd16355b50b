import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/http/openapi.js';
import { API_ROUTES } from '../../server/http/routes/index.js';
import { createUploadInput } from '../../server/modules/storage/schemas.js';
import { undocumentedStatuses } from '../helpers/observed-statuses.js';

/**
 * What a client generator needs from /api/openapi.json beyond the route list (tests/integration/openapi.test.ts):
 * a valid OpenAPI 3.1 document, operation ids, plain patterns, Problem for every error, named types, enums for fixed
 * sets, one money format, and a profile body typed by role. Also the check that fails a test file when the app
 * answered a status its operation does not list (tests/helpers/observed-statuses.ts).
 */
type Json = Record<string, unknown>;

const routeOfDoc = (doc: Json, method: string, path: string) => ((doc.paths as Json)[path] as Json)[method] as Json;

/** The schema a `$ref` names, or the schema itself. */
function deref(doc: Json, schema: Json | undefined): Json | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return schema;
  return deref(doc, ((doc.components as Json).schemas as Json)[ref.split('/').pop() as string] as Json);
}

/** Every value of a key anywhere in the document, with where it is. */
function valuesOf(node: unknown, key: string, at = '#'): Array<{ at: string; value: unknown }> {
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => [
    ...(k === key ? [{ at, value: v }] : []),
    ...valuesOf(v, key, `${at}/${k}`),
  ]);
}

/** Each operation of the document with its method and path. */
function operationsOf(doc: Json): Array<{ name: string; op: Json }> {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op: op as Json })),
  );
}

describe('a document a client generator can use', () => {
  const doc = () => openApiDocument(API_ROUTES) as unknown as Json;
  const schemas = () => (doc().components as Json).schemas as Json;

  it('is valid against the OpenAPI 3.1 schema', async () => {
    const validator = new Validator();
    // A copy: the validator may annotate what it is given.
    const result = await validator.validate(structuredClone(doc()));
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('gives every operation an operationId, every one different', () => {
    const ids = operationsOf(doc()).map(({ name, op }) => [name, op.operationId]);
    expect(ids.filter(([, id]) => typeof id !== 'string' || !id)).toEqual([]);
    expect(new Set(ids.map(([, id]) => id)).size).toBe(ids.length);
  });

  it('writes every pattern as a plain ECMA-262 source, never a regex literal with flags', () => {
    const patterns = valuesOf(doc(), 'pattern');
    expect(patterns.length).toBeGreaterThan(5);
    const bad = patterns.filter(({ value }) => {
      if (typeof value !== 'string' || value.startsWith('/') || /\/[dgimsuvy]+$/.test(value)) return true;
      try {
        new RegExp(value, 'u');
        return false;
      } catch {
        return true;
      }
    });
    expect(bad).toEqual([]);
  });

  it('keeps the upload filename rule: the documented pattern refuses exactly what the server refuses', () => {
    const content = (routeOfDoc(doc(), 'post', '/uploads').requestBody as Json).content as Json;
    const schema = deref(doc(), (content['application/json'] as Json).schema as Json) as Json;
    const pattern = new RegExp(((schema.properties as Json).filename as Json).pattern as string, 'u');
    const field = createUploadInput.shape.filename;
    for (const name of [
      'clip.mp4',
      'Été 🎬 final.mov',
      'a\\b',
      'a/b',
      'tab\there',
      'bell\u0007',
      'nel\u0085',
      'ok\u00a0',
    ]) {
      expect([name, pattern.test(name)]).toEqual([name, field.safeParse(name).success]);
    }
  });

  it('answers every error (4xx, 5xx, default) as the Problem component in application/problem+json', () => {
    const offenders = operationsOf(doc()).flatMap(({ name, op }) =>
      Object.entries(op.responses as Json)
        .filter(([status]) => status === 'default' || Number(status) >= 400)
        .filter(
          ([, response]) =>
            JSON.stringify((response as Json).content) !==
            JSON.stringify({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }),
        )
        .map(([status]) => `${name} ${status}`),
    );
    expect(offenders).toEqual([]);
    for (const { name, op } of operationsOf(doc()))
      expect(Object.keys(op.responses as Json), name).toContain('default');
  });

  it('answers every JSON body as a named component', () => {
    const offenders = operationsOf(doc()).flatMap(({ name, op }) =>
      Object.entries(op.responses as Json)
        .filter(([status]) => /^2/.test(status))
        .filter(([, response]) => {
          const media = ((response as Json).content as Json | undefined)?.['application/json'] as Json | undefined;
          return media && typeof (media.schema as Json).$ref !== 'string';
        })
        .map(([status]) => `${name} ${status}`),
    );
    expect(offenders).toEqual([]);
    expect(Object.keys(schemas())).toEqual(
      expect.arrayContaining(
        ['Campaign', 'CampaignSummary', 'CampaignPage', 'Submission', 'SubmissionPage', 'Application'].concat([
          'ApplicationPage',
          'Upload',
          'Dashboard',
          'Problem',
          'Me',
          'MeWithProfile',
          'ApiToken',
          'SocialAccount',
        ]),
      ),
    );
  });

  it('writes a nullable reference as oneOf [ref, null]: no component is itself nullable, no allOf', () => {
    expect(valuesOf(doc(), 'allOf').map(({ at }) => at)).toEqual([]);
    const nullable = Object.entries(schemas()).filter(([, schema]) => {
      const s = schema as Json;
      return (
        (Array.isArray(s.type) && s.type.includes('null')) ||
        (Array.isArray(s.enum) && s.enum.includes(null)) ||
        (Array.isArray(s.oneOf) && s.oneOf.some((o) => (o as Json).type === 'null'))
      );
    });
    expect(nullable.map(([name]) => name)).toEqual([]);
  });

  it('gives fixed sets as enums: statuses, roles, platforms, reasons, content types, purposes, modes', () => {
    const FIXED = ['status', 'role', 'adminRole', 'platform', 'linkCheckStatus', 'rejectionReasonCode'].concat([
      'contentType',
      'purpose',
      'verificationStatus',
      'applicationMode',
      'payoutMethod',
      'scopes',
    ]);
    const offenders: string[] = [];
    const check = (where: string, schema: Json) => {
      for (const [name, property] of Object.entries((schema.properties ?? {}) as Json)) {
        let resolved = deref(doc(), property as Json) as Json;
        if (Array.isArray(resolved.oneOf)) {
          resolved = deref(doc(), resolved.oneOf.find((o) => (o as Json).type !== 'null') as Json) as Json;
        }
        if (resolved.type === 'array') resolved = deref(doc(), resolved.items as Json) as Json;
        // Problem.status is the HTTP status, a number; every other of these names is a fixed set of words.
        const word = resolved.type !== 'integer';
        if (FIXED.includes(name) && word && !Array.isArray(resolved.enum)) offenders.push(`${where}.${name}`);
        if (resolved.type === 'object') check(`${where}.${name}`, resolved);
      }
    };
    for (const [name, schema] of Object.entries(schemas())) check(name, schema as Json);
    expect(offenders).toEqual([]);
  });

  it('carries money one way: integer cents (the Cents component, exact below 2^53), and says so', () => {
    const cents = schemas().Cents as Json;
    expect(cents).toMatchObject({ type: 'integer', maximum: Number.MAX_SAFE_INTEGER });
    const offenders: string[] = [];
    for (const [component, schema] of Object.entries(schemas())) {
      for (const [name, property] of Object.entries(((schema as Json).properties ?? {}) as Json)) {
        if (!/Cents$/.test(name)) continue;
        const refs = JSON.stringify(property).match(/"\$ref":"([^"]+)"/g) ?? [];
        if (refs.join() !== '"$ref":"#/components/schemas/Cents"') offenders.push(`${component}.${name}`);
      }
    }
    expect(offenders).toEqual([]);
    const info = (doc().info as Json).description as string;
    expect(info).toMatch(/integer cents/i);
    expect(info).not.toMatch(/decimal string/i);
  });

  it('types the profile body by role: one of the named brand and clipper shapes', () => {
    const body = (routeOfDoc(doc(), 'put', '/users/{id}/profile').requestBody as Json).content as Json;
    const schema = deref(doc(), (body['application/json'] as Json).schema as Json) as Json;
    expect(schema.oneOf).toEqual([
      { $ref: '#/components/schemas/BrandProfileInput' },
      { $ref: '#/components/schemas/ClipperProfileInput' },
    ]);
    expect((schemas().BrandProfileInput as Json).required).toContain('companyName');
    expect((schemas().ClipperProfileInput as Json).required).toContain('displayName');
  });
});

describe('statuses seen by the tests are checked against the document', () => {
  it('names an answer the document lacks for its operation', () => {
    const seen = [
      { method: 'get', path: '/', status: 200 },
      { method: 'get', path: '/', status: 418 },
      { method: 'post', path: '/auth/login', status: 401 },
      { method: 'get', path: '/campaigns/:id', status: 404 },
    ];
    expect(undocumentedStatuses(openApiDocument(API_ROUTES), seen)).toEqual(['GET /: 418']);
  });
});
