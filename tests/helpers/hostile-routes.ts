import request from 'supertest';
import { hashToken, newSecretToken } from '../../server/modules/accounts/secret-token.js';
import { newId } from '../../server/shared/ids.js';
import { createUser, TEST_PASSWORD, type TestUser } from './accounts.js';
import type { TestAppContext } from './app.js';
import {
  campaignBody,
  freshTikTokLink,
  insertApplication,
  insertCampaign,
  insertSubmission,
  insertUpload,
} from './marketplace.js';

/**
 * A request per registry route that would succeed (or fail only on business rules) as it is: the hostile-input
 * sweep changes one field of it at a time. Each is built afresh, with the caller who owns what it names, so a
 * hostile value that passes validation goes on to the use case and the database.
 */
export interface BaseRequest {
  caller?: TestUser;
  params?: Record<string, string>;
  body?: object;
  query?: Record<string, string>;
  /** The status the base request gets by design (a code nobody was sent, a token never issued); else a 2xx. */
  refusal?: number;
}

export function baseRequests(ctx: TestAppContext): Record<string, () => Promise<BaseRequest>> {
  const db = () => ctx.database.db;
  const user = (role: TestUser['role'], adminRole?: 'MODERATOR' | 'SUPERADMIN') =>
    createUser(ctx.testApp, db(), role, { label: 'hostile', adminRole });
  const openCampaign = async (brand: TestUser, mode: 'OPEN' | 'REVIEW' = 'OPEN') =>
    insertCampaign(db(), brand.id, { status: 'IN_PROGRESS', applicationMode: mode });
  const submissionOf = async (brand: TestUser, clipper: TestUser) => {
    const campaignId = await openCampaign(brand);
    await insertApplication(db(), campaignId, clipper.id, 'APPROVED');
    return insertSubmission(db(), campaignId, clipper.id);
  };
  /** A live refresh token, from signing in over HTTP as an API client does. */
  const refreshToken = async (): Promise<string> => {
    const res = await request(ctx.testApp.app)
      .post('/api/v1/auth/login')
      .send({ email: (await user('BRAND')).email, password: TEST_PASSWORD, transport: 'bearer' });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
    return res.body.refreshToken;
  };
  const email = () => `hostile-${newId('usr').slice(-10)}@example.test`;
  const profile = {
    displayName: 'Clip Master',
    bio: 'Short clips, fast.',
    socialLinks: [{ platform: 'TIKTOK', url: 'https://www.tiktok.com/@clipmaster' }],
    payoutDetails: 'IBAN DE00 0000',
    currentPassword: TEST_PASSWORD,
  };

  return {
    'GET /': async () => ({}),
    'POST /auth/register': async () => ({ body: { email: email(), password: 'a long password', role: 'CLIPPER' } }),
    // No code was sent to this address: refused, after the address is looked up.
    'POST /auth/verify-otp': async () => ({
      body: { email: email(), code: '123456', password: 'a long password' },
      refusal: 400,
    }),
    'POST /auth/resend-otp': async () => ({ body: { email: email(), purpose: 'SIGNUP' } }),
    'POST /auth/login': async () => ({
      body: { email: (await user('BRAND')).email, password: TEST_PASSWORD, transport: 'bearer' },
    }),
    'POST /auth/refresh': async () => ({ body: { refreshToken: await refreshToken(), transport: 'bearer' } }),
    'POST /auth/logout': async () => ({ body: { refreshToken: await refreshToken() } }),
    'POST /auth/password-reset/request': async () => ({ body: { email: (await user('BRAND')).email } }),
    'POST /auth/password-reset/confirm': async () => ({
      body: { email: (await user('BRAND')).email, code: '123456', newPassword: 'another long password' },
      refusal: 400,
    }),
    'GET /users/me': async () => ({ caller: await user('BRAND') }),
    'PATCH /users/me': async () => ({
      caller: await user('BRAND'),
      body: { currentPassword: TEST_PASSWORD, newPassword: 'another long password' },
    }),
    'GET /users/:id/profile': async () => {
      const caller = await user('CLIPPER');
      return { caller, params: { id: caller.id } };
    },
    'PUT /users/:id/profile': async () => {
      const caller = await user('CLIPPER');
      return { caller, params: { id: caller.id }, body: profile };
    },
    'GET /users/me/api-tokens': async () => ({ caller: await user('BRAND') }),
    'POST /users/me/api-tokens': async () => ({
      caller: await user('BRAND'),
      body: { name: 'deploy bot', scopes: ['READ'], expiresInDays: 30, currentPassword: TEST_PASSWORD },
    }),
    'DELETE /users/me/api-tokens/:id': async () => {
      const caller = await user('BRAND');
      const id = newId('atk');
      const secret = newSecretToken('apiToken');
      await db().apiToken.create({
        data: {
          id,
          userId: caller.id,
          name: 'bot',
          tokenHash: hashToken(secret),
          prefix: secret.slice(0, 12),
          scopes: ['READ'],
        },
      });
      return { caller, params: { id } };
    },
    'POST /admin/users/:id/suspend': async () => ({
      caller: await user('ADMIN', 'SUPERADMIN'),
      params: { id: (await user('CLIPPER')).id },
      body: { reason: 'spam clips' },
    }),
    'POST /admin/users/:id/reactivate': async () => {
      const { id } = await user('CLIPPER');
      await db().user.update({ where: { id }, data: { status: 'SUSPENDED' } });
      return { caller: await user('ADMIN', 'SUPERADMIN'), params: { id }, body: {} };
    },
    'PUT /admin/users/:id/admin-role': async () => ({
      caller: await user('ADMIN', 'SUPERADMIN'),
      params: { id: (await user('ADMIN', 'MODERATOR')).id },
      body: { adminRole: 'SUPERADMIN' },
    }),
    'POST /social/tiktok/connect': async () => ({ caller: await user('CLIPPER'), body: {} }),
    // A state this app never issued: refused once it is looked up.
    'GET /social/tiktok/callback': async () => ({
      caller: await user('CLIPPER'),
      query: { code: 'c0de', state: 'st4te' },
      refusal: 400,
    }),
    'GET /social/accounts': async () => ({ caller: await user('CLIPPER') }),
    'DELETE /social/accounts/:id': async () => {
      const caller = await user('CLIPPER');
      const id = newId('soc');
      await db().socialAccount.create({
        data: { id, userId: caller.id, platform: 'TIKTOK', handle: 'clips', externalId: `open-${id}` },
      });
      return { caller, params: { id } };
    },
    'GET /campaigns': async () => ({ caller: await user('ADMIN', 'SUPERADMIN'), query: {} }),
    'POST /campaigns': async () => ({ caller: await user('BRAND'), body: campaignBody(ctx.testApp) }),
    'GET /campaigns/:id': async () => {
      const caller = await user('BRAND');
      return { caller, params: { id: await openCampaign(caller) } };
    },
    'PATCH /campaigns/:id': async () => {
      const caller = await user('BRAND');
      const id = await insertCampaign(db(), caller.id, { status: 'PENDING_APPROVAL' });
      return { caller, params: { id }, body: campaignBody(ctx.testApp) };
    },
    'POST /campaigns/:id/status': async () => {
      const caller = await user('BRAND');
      const id = await insertCampaign(db(), caller.id, { status: 'PENDING_APPROVAL' });
      return { caller, params: { id }, body: { status: 'DISCARDED', reason: 'Budget moved elsewhere' } };
    },
    'POST /campaigns/:id/apply': async () => ({
      caller: await user('CLIPPER'),
      params: { id: await openCampaign(await user('BRAND')) },
      body: { pitch: 'I cut fast and clean.' },
    }),
    'GET /applications': async () => ({ caller: await user('CLIPPER'), query: {} }),
    'POST /applications/:id/decision': async () => {
      const caller = await user('BRAND');
      const campaignId = await openCampaign(caller, 'REVIEW');
      const id = await insertApplication(db(), campaignId, (await user('CLIPPER')).id, 'PENDING');
      return { caller, params: { id }, body: { decision: 'APPROVE' } };
    },
    'POST /applications/:id/withdraw': async () => {
      const caller = await user('CLIPPER');
      const id = await insertApplication(db(), await openCampaign(await user('BRAND')), caller.id, 'APPROVED');
      return { caller, params: { id }, body: {} };
    },
    'POST /campaigns/:id/submissions': async () => {
      const caller = await user('CLIPPER');
      const campaignId = await openCampaign(await user('BRAND'));
      await insertApplication(db(), campaignId, caller.id, 'APPROVED');
      const clipUploadId = await insertUpload(db(), caller.id, 'SUBMISSION_CLIP');
      return {
        caller,
        params: { id: campaignId },
        body: { clipUploadId, links: [freshTikTokLink()], caption: 'Watch to the end' },
      };
    },
    'GET /campaigns/:id/submissions': async () => {
      const caller = await user('BRAND');
      return { caller, params: { id: await openCampaign(caller) }, query: {} };
    },
    'GET /submissions': async () => ({ caller: await user('CLIPPER'), query: {} }),
    'GET /submissions/:id': async () => {
      const caller = await user('CLIPPER');
      return { caller, params: { id: await submissionOf(await user('BRAND'), caller) } };
    },
    'PATCH /submissions/:id': async () => {
      const caller = await user('CLIPPER');
      const id = await submissionOf(await user('BRAND'), caller);
      const clipUploadId = await insertUpload(db(), caller.id, 'SUBMISSION_CLIP');
      return { caller, params: { id }, body: { clipUploadId, links: [freshTikTokLink()], caption: 'New caption' } };
    },
    'POST /submissions/:id/review': async () => {
      const caller = await user('BRAND');
      const id = await submissionOf(caller, await user('CLIPPER'));
      return { caller, params: { id }, body: { decision: 'REJECT', reasonCode: 'OFF_BRIEF', note: 'Off brief' } };
    },
    'GET /me/dashboard': async () => ({ caller: await user('BRAND') }),
    'POST /uploads': async () => ({
      caller: await user('BRAND'),
      body: { purpose: 'CAMPAIGN_ASSET', filename: 'still.png', contentType: 'image/png', sizeBytes: 2048 },
    }),
    'POST /uploads/:id/confirm': async () => {
      const caller = await user('BRAND');
      return { caller, params: { id: await insertUpload(db(), caller.id, 'CAMPAIGN_ASSET') }, body: {} };
    },
    'GET /uploads/:id': async () => {
      const caller = await user('BRAND');
      return { caller, params: { id: await insertUpload(db(), caller.id, 'CAMPAIGN_ASSET') } };
    },
    'GET /uploads/:id/download': async () => {
      const caller = await user('BRAND');
      return { caller, params: { id: await insertUpload(db(), caller.id, 'CAMPAIGN_ASSET') } };
    },
  };
}
