import type { TestUser } from './accounts.js';
import type { TestAppContext } from './app.js';
import { cells, type Row } from './authz-matrix.js';
import {
  campaignBody,
  freshTikTokLink,
  insertApplication,
  insertCampaign,
  insertSubmission,
  insertUpload,
} from './marketplace.js';

/**
 * The marketplace routes in the authorization matrix. In each world `brand` owns the campaign and `clipper` is
 * the one who applied or submitted; the other brand and clipper are strangers. Statuses in PERSONAS order:
 * anonymous, brand, clipper, otherBrand, otherClipper, moderator, finance, superadmin.
 */
export function marketplaceRows(ctx: TestAppContext): Record<string, Row> {
  const db = () => ctx.database.db;
  const openCampaign = (w: { brand: TestUser }, mode: 'OPEN' | 'REVIEW' = 'OPEN') =>
    insertCampaign(db(), w.brand.id, { status: 'IN_PROGRESS', applicationMode: mode });
  const pendingCampaign = (w: { brand: TestUser }) => insertCampaign(db(), w.brand.id, { status: 'PENDING_APPROVAL' });
  /** The clipper's pending submission to the brand's open campaign. */
  const submission = async (w: { brand: TestUser; clipper: TestUser }) => {
    const campaignId = await openCampaign(w);
    await insertApplication(db(), campaignId, w.clipper.id, 'APPROVED');
    return insertSubmission(db(), campaignId, w.clipper.id);
  };

  return {
    // Campaigns: everyone signed in browses (what each sees is tested in campaigns.test.ts).
    'GET /campaigns': { expect: cells(401, 200, 200, 200, 200, 200, 200, 200) },
    'POST /campaigns': {
      expect: cells(401, 201, 403, 201, 403, 403, 403, 403),
      call: () => ({ body: campaignBody(ctx.testApp) }),
    },
    'GET /campaigns/:id': {
      // Pending approval: its brand and admins; clippers only see campaigns in progress (or ones they joined).
      expect: cells(401, 200, 404, 404, 404, 200, 200, 200),
      call: async (w) => ({ params: { id: await pendingCampaign(w) } }),
    },
    'PATCH /campaigns/:id': {
      expect: cells(401, 200, 404, 404, 404, 403, 403, 403),
      call: async (w) => ({ params: { id: await pendingCampaign(w) }, body: { title: 'A better title' } }),
    },
    'POST /campaigns/:id/status': {
      // Approval is for moderators and superadmins.
      expect: cells(401, 403, 404, 404, 404, 200, 403, 200),
      call: async (w) => ({ params: { id: await pendingCampaign(w) }, body: { status: 'IN_PROGRESS' } }),
    },

    // Applications.
    'POST /campaigns/:id/apply': {
      expect: cells(401, 403, 201, 403, 201, 403, 403, 403),
      call: async (w) => ({ params: { id: await openCampaign(w) }, body: {} }),
    },
    'GET /applications': { expect: cells(401, 200, 200, 200, 200, 200, 200, 200) },
    'POST /applications/:id/decision': {
      // The clipper sees its own application but does not decide it.
      expect: cells(401, 200, 403, 404, 404, 200, 403, 200),
      call: async (w) => {
        const campaignId = await openCampaign(w, 'REVIEW');
        return {
          params: { id: await insertApplication(db(), campaignId, w.clipper.id, 'PENDING') },
          body: { decision: 'APPROVE' },
        };
      },
    },
    'POST /applications/:id/withdraw': {
      expect: cells(401, 403, 200, 404, 404, 403, 403, 403),
      call: async (w) => {
        const campaignId = await openCampaign(w);
        return { params: { id: await insertApplication(db(), campaignId, w.clipper.id, 'APPROVED') }, body: {} };
      },
    },

    // Submissions.
    'POST /campaigns/:id/submissions': {
      // Only the clipper with an approved application; each caller offers a clip of its own.
      expect: cells(401, 403, 201, 403, 403, 403, 403, 403),
      call: async (w, caller) => {
        const campaignId = await openCampaign(w);
        await insertApplication(db(), campaignId, w.clipper.id, 'APPROVED');
        const clipUploadId = await insertUpload(db(), (caller ?? w.clipper).id, 'SUBMISSION_CLIP');
        return { params: { id: campaignId }, body: { clipUploadId, links: [freshTikTokLink()] } };
      },
    },
    'GET /campaigns/:id/submissions': {
      // A campaign in progress: any clipper may look (and sees only their own submissions).
      expect: cells(401, 200, 200, 404, 200, 200, 200, 200),
      call: async (w) => ({ params: { id: await openCampaign(w) } }),
    },
    'GET /submissions': { expect: cells(401, 200, 200, 200, 200, 200, 200, 200) },
    'GET /submissions/:id': {
      expect: cells(401, 200, 200, 404, 404, 200, 200, 200),
      call: async (w) => ({ params: { id: await submission(w) } }),
    },
    'PATCH /submissions/:id': {
      expect: cells(401, 403, 200, 404, 404, 403, 403, 403),
      call: async (w) => ({ params: { id: await submission(w) }, body: { caption: 'New caption' } }),
    },
    'POST /submissions/:id/review': {
      expect: cells(401, 200, 403, 404, 404, 200, 403, 200),
      call: async (w) => ({ params: { id: await submission(w) }, body: { decision: 'APPROVE' } }),
    },

    'GET /me/dashboard': { expect: cells(401, 200, 200, 200, 200, 200, 200, 200) },

    // Uploads: brands upload campaign assets, clippers clips.
    'POST /uploads': {
      expect: cells(401, 201, 403, 201, 403, 403, 403, 403),
      call: () => ({
        body: { purpose: 'CAMPAIGN_ASSET', filename: 'still.png', contentType: 'image/png', sizeBytes: 2048 },
      }),
    },
    'POST /uploads/:id/confirm': {
      // The brand's pending upload whose bytes never arrived: the owner learns that (409); nobody else sees it.
      expect: cells(401, 409, 404, 404, 404, 404, 404, 404),
      call: async (w) => {
        const id = await insertUpload(db(), w.brand.id, 'CAMPAIGN_ASSET');
        await db().upload.update({ where: { id }, data: { status: 'PENDING', sizeBytes: null, confirmedAt: null } });
        return { params: { id }, body: {} };
      },
    },
    'GET /uploads/:id': {
      // An asset of a campaign in progress: its brand, every clipper (they cut from it), admins.
      expect: cells(401, 200, 200, 404, 200, 200, 200, 200),
      call: async (w) => ({ params: { id: await campaignAsset(w) } }),
    },
    'GET /uploads/:id/download': {
      expect: cells(401, 200, 200, 404, 200, 200, 200, 200),
      call: async (w) => ({ params: { id: await campaignAsset(w) } }),
    },
  };

  async function campaignAsset(w: { brand: TestUser }): Promise<string> {
    const campaignId = await openCampaign(w);
    const id = await insertUpload(db(), w.brand.id, 'CAMPAIGN_ASSET');
    await db().upload.update({ where: { id }, data: { campaignId } });
    return id;
  }
}
