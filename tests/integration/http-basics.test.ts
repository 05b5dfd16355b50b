import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createDb } from '../../server/db.js';
import { problemHandler } from '../../server/http/problem.js';
import { createServices } from '../../server/services.js';
import { AppError } from '../../server/shared/errors.js';
import { createLogger } from '../../server/shared/logger.js';
import { setupTestApp } from '../helpers/app.js';
import { freePort } from '../helpers/pg.js';

const ctx = setupTestApp('http');

describe('health and readiness', () => {
  it('answers /healthz without touching the database', async () => {
    const res = await request(ctx.testApp.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/^req_/);
  });

  it('is ready when the database answers', async () => {
    const res = await request(ctx.testApp.app).get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready', checks: { database: 'ok', accepting: true } });
  });

  it('is not ready when the database is unreachable', async () => {
    const deadDb = createDb(`postgresql://nobody@127.0.0.1:${await freePort()}/none`);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const services = createServices({ config, db: deadDb, logger: createLogger('silent') });
    const app = createApp({ services, readiness: { accepting: true } });
    const res = await request(app).get('/readyz').expect(503);
    expect(res.body.checks.database).toBe('unreachable');
    await deadDb.$disconnect();
  });

  it('is not ready while shutting down', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const services = createServices({ config, db: ctx.database.db, logger: createLogger('silent') });
    const app = createApp({ services, readiness: { accepting: false } });
    const res = await request(app).get('/readyz').expect(503);
    expect(res.body.checks).toEqual({ database: 'ok', accepting: false });
  });

  it('echoes a well-formed incoming request id and replaces a malformed one', async () => {
    const kept = await request(ctx.testApp.app).get('/healthz').set('X-Request-Id', 'lb-abc.123');
    expect(kept.headers['x-request-id']).toBe('lb-abc.123');
    const replaced = await request(ctx.testApp.app).get('/healthz').set('X-Request-Id', 'bad id <script>');
    expect(replaced.headers['x-request-id']).toMatch(/^req_/);
  });
});

describe('errors as problem+json', () => {
  it('answers unknown API routes with a 404 problem', async () => {
    const res = await request(ctx.testApp.app).get('/api/v1/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not found', instance: '/api/v1/nope' });
    expect(body.requestId).toBe(res.headers['x-request-id']);
  });

  it('rejects malformed JSON with 400 and no parser internals', async () => {
    const res = await request(ctx.testApp.app)
      .post('/api/v1/anything')
      .set('Content-Type', 'application/json')
      .send('{"broken": ')
      .expect(400);
    const body = JSON.parse(res.text);
    expect(body.code).toBe('BAD_REQUEST');
    expect(res.text).not.toMatch(/SyntaxError|at JSON\.parse|node_modules/);
  });

  it('rejects an oversized JSON body with 413', async () => {
    const res = await request(ctx.testApp.app)
      .post('/api/v1/anything')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(200 * 1024) }))
      .expect(413);
    expect(JSON.parse(res.text).code).toBe('PAYLOAD_TOO_LARGE');
  });

  const problemOf = (res: request.Response) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return JSON.parse(res.text);
  };

  it.each(['gzip', 'deflate', 'br'])('answers a body that is not really %s with 400', async (encoding) => {
    const res = await request(ctx.testApp.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', encoding)
      .send('{"email":"a@example.test","password":"x"}');
    expect(res.status, res.text).toBe(400);
    expect(problemOf(res)).toMatchObject({ code: 'BAD_REQUEST', detail: 'The request could not be read.' });
  });

  it('answers an unknown Content-Encoding with a 415 problem', async () => {
    const res = await request(ctx.testApp.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'x-unheard-of')
      .send('{}');
    expect(res.status, res.text).toBe(415);
    expect(problemOf(res).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a path parameter that does not decode with 400, not 500', async () => {
    const res = await request(ctx.testApp.app).get('/api/v1/campaigns/%E0%A4%A').set('Authorization', 'Bearer x');
    expect(res.status, res.text).toBe(400);
    expect(problemOf(res).code).toBe('BAD_REQUEST');
  });

  it('answers a known path asked with a method it lacks with 405 and the methods it has', async () => {
    const cases = [
      ['delete', '/api/v1/campaigns', 'GET, HEAD, POST, OPTIONS'],
      ['put', '/api/v1/campaigns/cmp_01m8pfhxk19p346hqgz019ck7v', 'GET, HEAD, PATCH, OPTIONS'],
      ['get', '/api/v1/auth/login', 'POST, OPTIONS'],
      ['head', '/api/v1/auth/login', 'POST, OPTIONS'],
      ['post', '/api/v1/users/me/', 'GET, HEAD, PATCH, OPTIONS'],
    ] as const;
    for (const [method, path, allow] of cases) {
      const res = await request(ctx.testApp.app)[method](path);
      expect([method, path, res.status, res.headers.allow]).toEqual([method, path, 405, allow]);
      if (method !== 'head') expect(problemOf(res)).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    }
    const options = await request(ctx.testApp.app).options('/api/v1/campaigns/cmp_01m8pfhxk19p346hqgz019ck7v');
    expect([options.status, options.headers.allow]).toEqual([204, 'GET, HEAD, PATCH, OPTIONS']);
    // An unknown path stays a 404.
    expect((await request(ctx.testApp.app).delete('/api/v1/nope')).status).toBe(404);
  });

  it('hides the cause of unexpected errors and keeps AppError codes', async () => {
    const app = express();
    app.get('/boom', () => {
      throw new Error('SELECT * FROM "User" failed: password=hunter2');
    });
    app.get('/conflict', () => {
      throw new AppError('CONFLICT', 'That post is already claimed.');
    });
    app.use(problemHandler);
    const boom = await request(app).get('/boom').expect(500);
    expect(JSON.parse(boom.text)).toMatchObject({ code: 'INTERNAL', detail: 'Something went wrong on our side.' });
    expect(boom.text).not.toMatch(/SELECT|hunter2|Error:|\.ts:/);
    const conflict = await request(app).get('/conflict').expect(409);
    expect(JSON.parse(conflict.text)).toMatchObject({ code: 'CONFLICT', detail: 'That post is already claimed.' });
  });

  it('sets security headers', async () => {
    const res = await request(ctx.testApp.app).get('/api/v1').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
