import { randomInt } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { newId } from '../../server/shared/ids.js';
import { bearer, createUser, type TestUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import {
  freshTikTokLink,
  insertApplication,
  insertCampaign,
  insertSubmission,
  insertUpload,
} from '../helpers/marketplace.js';
import { expectMatchesResponseSchema, routeOf } from '../helpers/response-schema.js';

/**
 * Submissions over HTTP on a real database: what creating one needs (an approved application, a running
 * campaign, the caller's own free clip, 1–10 supported links to posts nobody has claimed), editing while pending,
 * reviewing, the lists' scoping and keyset pages while rows arrive, races on the same post, and the audit trail.
 * Who may call which route at all is the authorization matrix's business (tests/helpers/authz-marketplace-rows.ts).
 */
const ctx = setupTestApp('submissions');
const API = '/api/v1';
const app = () => ctx.testApp.app;
const db = () => ctx.database.db;
const user = (role: TestUser['role'], adminRole?: 'MODERATOR' | 'FINANCE' | 'SUPERADMIN') =>
  createUser(ctx.testApp, db(), role, { adminRole, label: `sub-${(adminRole ?? role).toLowerCase()}` });
const fieldsOf = (res: request.Response) => (res.body.errors ?? []).map((e: { path: string }) => e.path).sort();
const idsOf = (res: request.Response) => res.body.items.map((item: { id: string }) => item.id);

/** An 11-character YouTube video id nobody has used in this file. */
const freshYouTubeId = () => newId('pln').slice(-11);
const tiktokIdOf = (link: string) => link.split('/').at(-1) as string;

const submit = (clipper: TestUser, campaignId: string, body: Record<string, unknown>) =>
  request(app()).post(`${API}/campaigns/${campaignId}/submissions`).set(bearer(clipper)).send(body);
const patch = (who: TestUser, submissionId: string, body: Record<string, unknown>) =>
  request(app()).patch(`${API}/submissions/${submissionId}`).set(bearer(who)).send(body);
const review = (who: TestUser, submissionId: string, body: Record<string, unknown>) =>
  request(app()).post(`${API}/submissions/${submissionId}/review`).set(bearer(who)).send(body);

/** A brand's running campaign (all four platforms) and a clipper approved to it. */
async function world(options: { application?: 'PENDING' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN' | null } = {}) {
  const [brand, clipper] = await Promise.all([user('BRAND'), user('CLIPPER')]);
  const campaignId = await insertCampaign(db(), brand.id, { title: 'Trailer cuts' });
  const application = options.application === undefined ? 'APPROVED' : options.application;
  if (application) await insertApplication(db(), campaignId, clipper.id, application);
  return { brand, clipper, campaignId };
}

const clipOf = (clipper: TestUser) => insertUpload(db(), clipper.id, 'SUBMISSION_CLIP');

/** Submits one fresh TikTok link (or `links`) with a fresh clip; expects a 201. */
async function submitted(clipper: TestUser, campaignId: string, links: string[] = [freshTikTokLink()]) {
  const res = await submit(clipper, campaignId, { clipUploadId: await clipOf(clipper), links });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; clip: { id: string }; links: Array<{ id: string; platformPostId: string }> };
}

describe('creating a submission', () => {
  it('stores the clip, the caption and the links normalised to canonical URLs', async () => {
    const { clipper, campaignId } = await world();
    const clipUploadId = await clipOf(clipper);
    const tiktokId = tiktokIdOf(freshTikTokLink());
    const youtubeId = freshYouTubeId();
    const statusId = String(1_800_000_000_000_000_000n + BigInt(randomInt(2 ** 47)));
    const res = await submit(clipper, campaignId, {
      clipUploadId,
      caption: '  Trailer drop #ad  ',
      links: [
        `https://m.tiktok.com/@Trailer.Cuts/video/${tiktokId}?is_from_webapp=1&sender_device=pc&lang=en`,
        `  https://www.youtube.com/watch?v=${youtubeId}&feature=share&si=abc  `,
        'https://www.instagram.com/reel/C1a2B3c4D5e/?igsh=MTc4MmM1YmI2Ng==',
        `https://twitter.com/someone/status/${statusId}?s=20&t=xyz`,
      ],
    });
    expect(res.status, res.text).toBe(201);
    expectMatchesResponseSchema(routeOf('post', '/campaigns/:id/submissions'), res.body);
    expect(res.body).toMatchObject({
      campaignId,
      campaignTitle: 'Trailer cuts',
      clipperId: clipper.id,
      status: 'PENDING_REVIEW',
      caption: 'Trailer drop #ad',
      clip: { id: clipUploadId, filename: 'clip.mp4', contentType: 'video/mp4', sizeBytes: 1024 },
      rejectionReasonCode: null,
      rejectionNote: null,
      reviewedAt: null,
      createdAt: ctx.testApp.clock.now().toISOString(),
    });
    expect(res.body.id).toMatch(/^sub_/);
    expect(res.body.links.map(({ id: _id, ...link }: { id: string }) => link)).toEqual([
      {
        platform: 'TIKTOK',
        platformPostId: tiktokId,
        url: `https://www.tiktok.com/@trailer.cuts/video/${tiktokId}`,
        linkCheckStatus: 'UNCHECKED',
        releasedAt: null,
      },
      {
        platform: 'YOUTUBE',
        platformPostId: youtubeId,
        url: `https://www.youtube.com/shorts/${youtubeId}`,
        linkCheckStatus: 'UNCHECKED',
        releasedAt: null,
      },
      {
        platform: 'INSTAGRAM',
        platformPostId: 'C1a2B3c4D5e',
        url: 'https://www.instagram.com/reel/C1a2B3c4D5e',
        linkCheckStatus: 'UNCHECKED',
        releasedAt: null,
      },
      {
        platform: 'X',
        platformPostId: statusId,
        url: `https://x.com/i/status/${statusId}`,
        linkCheckStatus: 'UNCHECKED',
        releasedAt: null,
      },
    ]);
    const upload = await db().upload.findUniqueOrThrow({ where: { id: clipUploadId } });
    expect(upload.submissionId).toBe(res.body.id);

    // GET /submissions/:id shows the same clip and links, to the clipper and to the brand.
    const shown = await request(app()).get(`${API}/submissions/${res.body.id}`).set(bearer(clipper));
    expect(shown.status, shown.text).toBe(200);
    expectMatchesResponseSchema(routeOf('get', '/submissions/:id'), shown.body);
    expect(shown.body).toEqual(res.body);
  });

  it('needs an approved application (403 otherwise) and nothing is created', async () => {
    for (const application of ['PENDING', 'REJECTED', 'WITHDRAWN', null] as const) {
      const { clipper, campaignId } = await world({ application });
      const clipUploadId = await clipOf(clipper);
      const res = await submit(clipper, campaignId, { clipUploadId, links: [freshTikTokLink()] });
      expect(res.status, `${application}: ${res.text}`).toBe(403);
      expect(await db().submission.count({ where: { campaignId } })).toBe(0);
      expect((await db().upload.findUniqueOrThrow({ where: { id: clipUploadId } })).submissionId).toBeNull();
    }
  });

  it('needs the campaign in progress (409 once under review)', async () => {
    const { clipper, campaignId } = await world();
    await db().campaign.update({ where: { id: campaignId }, data: { status: 'UNDER_REVIEW' } });
    const res = await submit(clipper, campaignId, { clipUploadId: await clipOf(clipper), links: [freshTikTokLink()] });
    expect(res.status, res.text).toBe(409);
    expect(await db().submission.count({ where: { campaignId } })).toBe(0);
  });

  it('needs the caller’s own confirmed, free submission clip (422 naming clipUploadId)', async () => {
    const { clipper, campaignId } = await world();
    const stranger = await user('CLIPPER');
    const pending = await clipOf(clipper);
    await db().upload.update({ where: { id: pending }, data: { status: 'PENDING', confirmedAt: null } });
    const attached = (await submitted(clipper, campaignId)).clip.id;
    const cases: Record<string, string> = {
      'someone else’s': await clipOf(stranger),
      'a campaign asset': await insertUpload(db(), clipper.id, 'CAMPAIGN_ASSET'),
      'a pending upload': pending,
      'one already attached': attached,
      'an unknown one': newId('upl'),
    };
    const before = await db().submission.count({ where: { campaignId } });
    for (const [name, clipUploadId] of Object.entries(cases)) {
      const res = await submit(clipper, campaignId, { clipUploadId, links: [freshTikTokLink()] });
      expect(res.status, `${name}: ${res.text}`).toBe(422);
      expect(fieldsOf(res), name).toEqual(['clipUploadId']);
    }
    expect(await db().submission.count({ where: { campaignId } })).toBe(before);
    const missing = await submit(clipper, campaignId, { links: [freshTikTokLink()] });
    expect(missing.status).toBe(422);
    expect(fieldsOf(missing)).toEqual(['clipUploadId']);
  });

  it('takes 1 to 10 links (0 or 11 is a 422 naming links)', async () => {
    const { clipper, campaignId } = await world();
    const clipUploadId = await clipOf(clipper);
    for (const links of [[], Array.from({ length: 11 }, freshTikTokLink)]) {
      const res = await submit(clipper, campaignId, { clipUploadId, links });
      expect(res.status, res.text).toBe(422);
      expect(fieldsOf(res)).toEqual(['links']);
    }
    const ten = await submit(clipper, campaignId, { clipUploadId, links: Array.from({ length: 10 }, freshTikTokLink) });
    expect(ten.status, ten.text).toBe(201);
    expect(ten.body.links).toHaveLength(10);
  });

  it('refuses links that are not supported posts, naming each (links.N)', async () => {
    const { clipper, campaignId } = await world();
    const clipUploadId = await clipOf(clipper);
    const res = await submit(clipper, campaignId, {
      clipUploadId,
      links: [
        freshTikTokLink(),
        'https://vimeo.com/123456789',
        'https://vm.tiktok.com/ZMabcdef/',
        'https://www.tiktok.com/@someone',
        'ftp://tiktok.com/@a/video/7301234567890123456',
        'just some words',
      ],
    });
    expect(res.status, res.text).toBe(422);
    expect(fieldsOf(res)).toEqual(['links.1', 'links.2', 'links.3', 'links.4', 'links.5']);
    const messages = Object.fromEntries(
      res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
    );
    expect(messages['links.1']).toMatch(/Only TikTok, YouTube Shorts, Instagram Reels and X/);
    expect(messages['links.2']).toMatch(/short link/);
    expect(await db().submission.count({ where: { campaignId } })).toBe(0);
  });

  it('refuses a platform the campaign does not target (422 naming the link)', async () => {
    const { clipper, campaignId } = await world();
    await db().campaign.update({ where: { id: campaignId }, data: { targetPlatforms: ['TIKTOK'] } });
    const res = await submit(clipper, campaignId, {
      clipUploadId: await clipOf(clipper),
      links: [freshTikTokLink(), `https://youtu.be/${freshYouTubeId()}`],
    });
    expect(res.status, res.text).toBe(422);
    expect(fieldsOf(res)).toEqual(['links.1']);
    expect(res.body.errors[0].message).toMatch(/YOUTUBE.*targets TIKTOK/);
  });

  it('refuses the same post twice in one request, however it is written', async () => {
    const { clipper, campaignId } = await world();
    const clipUploadId = await clipOf(clipper);
    const youtubeId = freshYouTubeId();
    const tiktokId = tiktokIdOf(freshTikTokLink());
    const res = await submit(clipper, campaignId, {
      clipUploadId,
      links: [
        `https://youtu.be/${youtubeId}?si=share`,
        `https://www.tiktok.com/@one/video/${tiktokId}`,
        `https://youtube.com/shorts/${youtubeId}`,
        `https://www.tiktok.com/embed/v2/${tiktokId}`,
      ],
    });
    expect(res.status, res.text).toBe(422);
    expect(fieldsOf(res)).toEqual(['links.2', 'links.3']);
    expect(await db().postLink.count({ where: { platformPostId: { in: [youtubeId, tiktokId] } } })).toBe(0);
  });

  it('refuses a post another submission claimed, in any campaign, by anyone (409), creating nothing', async () => {
    const first = await world();
    const taken = freshTikTokLink();
    const earlier = await submitted(first.clipper, first.campaignId, [taken]);

    const cases = [
      { name: 'another clipper elsewhere', who: await world() },
      { name: 'the same clipper, same campaign', who: first },
    ];
    for (const { name, who } of cases) {
      const clipUploadId = await clipOf(who.clipper);
      const before = await db().submission.count({ where: { clipperId: who.clipper.id } });
      const res = await submit(who.clipper, who.campaignId, {
        clipUploadId,
        // Written another way: the embed form of the same post.
        links: [freshTikTokLink(), `https://www.tiktok.com/embed/v2/${tiktokIdOf(taken)}?autoplay=1`],
      });
      expect(res.status, `${name}: ${res.text}`).toBe(409);
      expect(fieldsOf(res), name).toEqual(['links.1']);
      expect(await db().submission.count({ where: { clipperId: who.clipper.id } }), name).toBe(before);
      expect((await db().upload.findUniqueOrThrow({ where: { id: clipUploadId } })).submissionId, name).toBeNull();
    }
    const owner = await db().postLink.findFirstOrThrow({
      where: { platform: 'TIKTOK', platformPostId: tiktokIdOf(taken) },
    });
    expect(owner.submissionId).toBe(earlier.id);
  });

  it('lets one of two parallel submissions of the same post through (201 + 409)', async () => {
    const a = await world();
    const b = await world();
    // A few rounds, so both the early check and the unique index get their turn at refusing.
    for (let round = 0; round < 4; round++) {
      const post = freshTikTokLink();
      const [clipA, clipB] = await Promise.all([clipOf(a.clipper), clipOf(b.clipper)]);
      const answers = await Promise.all([
        submit(a.clipper, a.campaignId, { clipUploadId: clipA, links: [freshTikTokLink(), post] }),
        submit(b.clipper, b.campaignId, { clipUploadId: clipB, links: [post] }),
      ]);
      expect(answers.map((r) => r.status).sort(), answers.map((r) => r.text).join('\n')).toEqual([201, 409]);
      const winner = answers.find((r) => r.status === 201) as request.Response;
      const links = await db().postLink.findMany({ where: { platform: 'TIKTOK', platformPostId: tiktokIdOf(post) } });
      expect(links.map((l) => l.submissionId)).toEqual([winner.body.id]);
      const free = await db().upload.findMany({ where: { id: { in: [clipA, clipB] }, submissionId: null } });
      expect(free).toHaveLength(1);
    }
    const rows = await db().submission.count({ where: { campaignId: { in: [a.campaignId, b.campaignId] } } });
    expect(rows).toBe(4);
  });
});

describe('editing a pending submission', () => {
  it('changes the caption, replaces the links (freeing dropped posts) and the clip (detaching the old one)', async () => {
    const { clipper, campaignId } = await world();
    const [postA, postB, postC] = [freshTikTokLink(), freshTikTokLink(), freshTikTokLink()];
    const created = await submitted(clipper, campaignId, [postA, postB]);
    const keptLinkId = created.links.find((l) => l.platformPostId === tiktokIdOf(postB))?.id;
    const newClip = await clipOf(clipper);
    ctx.testApp.clock.advance(60_000);

    const res = await patch(clipper, created.id, { caption: 'Recut', links: [postB, postC], clipUploadId: newClip });
    expect(res.status, res.text).toBe(200);
    expectMatchesResponseSchema(routeOf('patch', '/submissions/:id'), res.body);
    expect(res.body).toMatchObject({
      id: created.id,
      status: 'PENDING_REVIEW',
      caption: 'Recut',
      clip: { id: newClip },
      updatedAt: ctx.testApp.clock.now().toISOString(),
    });
    expect(res.body.links.map((l: { platformPostId: string }) => l.platformPostId).sort()).toEqual(
      [tiktokIdOf(postB), tiktokIdOf(postC)].sort(),
    );
    // The post kept is the same row (its view history stays attached).
    expect(res.body.links.find((l: { platformPostId: string }) => l.platformPostId === tiktokIdOf(postB)).id).toBe(
      keptLinkId,
    );
    expect((await db().upload.findUniqueOrThrow({ where: { id: created.clip.id } })).submissionId).toBeNull();
    expect((await db().upload.findUniqueOrThrow({ where: { id: newClip } })).submissionId).toBe(created.id);

    // The dropped post and the old clip are free again.
    const other = await world();
    expect(
      (await submit(other.clipper, other.campaignId, { clipUploadId: await clipOf(other.clipper), links: [postA] }))
        .status,
    ).toBe(201);
    const reuse = await submitted(clipper, campaignId, [freshTikTokLink()]);
    expect(reuse.clip.id).not.toBe(created.clip.id);
    const reattach = await submit(clipper, campaignId, { clipUploadId: created.clip.id, links: [freshTikTokLink()] });
    expect(reattach.status, reattach.text).toBe(201);
  });

  it('changes only what is named; a null caption clears it; an empty body is a 422', async () => {
    const { clipper, campaignId } = await world();
    const created = await submit(clipper, campaignId, {
      clipUploadId: await clipOf(clipper),
      links: [freshTikTokLink()],
      caption: 'first',
    });
    const captionOnly = await patch(clipper, created.body.id, { caption: 'second' });
    expect(captionOnly.status, captionOnly.text).toBe(200);
    expect(captionOnly.body).toMatchObject({ caption: 'second', clip: created.body.clip, links: created.body.links });
    const sameClip = await patch(clipper, created.body.id, { clipUploadId: created.body.clip.id });
    expect(sameClip.status, sameClip.text).toBe(200);
    expect(sameClip.body.clip.id).toBe(created.body.clip.id);
    const cleared = await patch(clipper, created.body.id, { caption: null });
    expect(cleared.body.caption).toBeNull();
    const empty = await patch(clipper, created.body.id, {});
    expect(empty.status, empty.text).toBe(422);
  });

  it('refuses bad links or a bad clip with the same rules as creating, changing nothing', async () => {
    const { clipper, campaignId } = await world();
    const created = await submitted(clipper, campaignId);
    const other = await world();
    const claimed = await submitted(other.clipper, other.campaignId);
    const takenPost = `https://www.tiktok.com/embed/v2/${claimed.links[0].platformPostId}`;

    const conflict = await patch(clipper, created.id, {
      caption: 'should not stick',
      links: [freshTikTokLink(), takenPost],
    });
    expect(conflict.status, conflict.text).toBe(409);
    expect(fieldsOf(conflict)).toEqual(['links.1']);
    const badHost = await patch(clipper, created.id, { links: ['https://vimeo.com/1'] });
    expect(badHost.status).toBe(422);
    expect(fieldsOf(badHost)).toEqual(['links.0']);
    const tooMany = await patch(clipper, created.id, { links: Array.from({ length: 11 }, freshTikTokLink) });
    expect(fieldsOf(tooMany)).toEqual(['links']);
    const foreignClip = await patch(clipper, created.id, { clipUploadId: claimed.clip.id });
    expect(foreignClip.status).toBe(422);
    expect(fieldsOf(foreignClip)).toEqual(['clipUploadId']);

    const now = await request(app()).get(`${API}/submissions/${created.id}`).set(bearer(clipper));
    expect(now.body).toMatchObject({ caption: null, clip: created.clip, links: created.links });
  });

  it('is closed once the submission is reviewed (409)', async () => {
    const { brand, clipper, campaignId } = await world();
    for (const decision of [{ decision: 'APPROVE' }, { decision: 'REJECT', reasonCode: 'OFF_BRIEF' }]) {
      const created = await submitted(clipper, campaignId);
      expect((await review(brand, created.id, decision)).status).toBe(200);
      const res = await patch(clipper, created.id, { caption: 'too late' });
      expect(res.status, res.text).toBe(409);
      expect((await db().submission.findUniqueOrThrow({ where: { id: created.id } })).caption).toBeNull();
    }
  });

  it('is closed once the campaign stops taking submissions (409) or the clipper withdrew (403)', async () => {
    const { clipper, campaignId } = await world();
    const created = await submitted(clipper, campaignId);
    await db().application.updateMany({ where: { campaignId, clipperId: clipper.id }, data: { status: 'WITHDRAWN' } });
    const withdrawn = await patch(clipper, created.id, { links: [freshTikTokLink()] });
    expect(withdrawn.status, withdrawn.text).toBe(403);
    await db().application.updateMany({ where: { campaignId, clipperId: clipper.id }, data: { status: 'APPROVED' } });
    await db().campaign.update({ where: { id: campaignId }, data: { status: 'UNDER_REVIEW' } });
    const closed = await patch(clipper, created.id, { links: [freshTikTokLink()] });
    expect(closed.status, closed.text).toBe(409);
    const links = await db().postLink.findMany({ where: { submissionId: created.id } });
    expect(links.map((l) => l.platformPostId)).toEqual(created.links.map((l) => l.platformPostId));
  });
});

describe('reviewing', () => {
  it('rejecting releases the posts and the clip: the clipper can fix the post and submit it again', async () => {
    const { brand, clipper, campaignId } = await world();
    const post = freshTikTokLink();
    const first = await submitted(clipper, campaignId, [post]);
    const rejected = await review(brand, first.id, { decision: 'REJECT', reasonCode: 'MISSING_DISCLOSURE' });
    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.body.links[0].releasedAt).not.toBeNull();
    expect(rejected.body.clip).toBeNull();
    const again = await submit(clipper, campaignId, { clipUploadId: first.clip.id, links: [post] });
    expect(again.status, again.text).toBe(201);
    // Approval keeps the claim.
    expect((await review(brand, again.body.id, { decision: 'APPROVE' })).status).toBe(200);
    const other = await world();
    const taken = await submit(other.clipper, other.campaignId, {
      clipUploadId: await clipOf(other.clipper),
      links: [post],
    });
    expect(taken.status, taken.text).toBe(409);
  });

  it('takes submissions only between the campaign’s start and end (409 before the end-date job has run too)', async () => {
    const { clipper, campaignId } = await world();
    const now = ctx.testApp.clock.now().getTime();
    await db().campaign.update({ where: { id: campaignId }, data: { startsAt: new Date(now + 3_600_000) } });
    const early = await submit(clipper, campaignId, {
      clipUploadId: await clipOf(clipper),
      links: [freshTikTokLink()],
    });
    expect(early.status, early.text).toBe(409);
    expect(early.body.detail).toMatch(/starts on/);
    await db().campaign.update({
      where: { id: campaignId },
      data: { startsAt: new Date(now - 7_200_000), endsAt: new Date(now - 3_600_000) },
    });
    const late = await submit(clipper, campaignId, { clipUploadId: await clipOf(clipper), links: [freshTikTokLink()] });
    expect(late.status, late.text).toBe(409);
    expect(late.body.detail).toMatch(/ended on/);
  });

  it('the brand approves a pending submission', async () => {
    const { brand, clipper, campaignId } = await world();
    const created = await submitted(clipper, campaignId);
    ctx.testApp.clock.advance(30_000);
    const res = await review(brand, created.id, { decision: 'APPROVE' });
    expect(res.status, res.text).toBe(200);
    expectMatchesResponseSchema(routeOf('post', '/submissions/:id/review'), res.body);
    expect(res.body).toMatchObject({
      status: 'APPROVED',
      reviewedAt: ctx.testApp.clock.now().toISOString(),
      rejectionReasonCode: null,
      rejectionNote: null,
    });
  });

  it('rejecting needs a reason code (422 naming reasonCode) and stores it with the note', async () => {
    const { brand, clipper, campaignId } = await world();
    const created = await submitted(clipper, campaignId);
    const bare = await review(brand, created.id, { decision: 'REJECT', note: 'no' });
    expect(bare.status, bare.text).toBe(422);
    expect(fieldsOf(bare)).toEqual(['reasonCode']);
    const unknown = await review(brand, created.id, { decision: 'REJECT', reasonCode: 'UGLY' });
    expect(fieldsOf(unknown)).toEqual(['reasonCode']);
    expect((await db().submission.findUniqueOrThrow({ where: { id: created.id } })).status).toBe('PENDING_REVIEW');

    const res = await review(brand, created.id, {
      decision: 'REJECT',
      reasonCode: 'MISSING_DISCLOSURE',
      note: '  Add #ad to the caption.  ',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      status: 'REJECTED',
      rejectionReasonCode: 'MISSING_DISCLOSURE',
      rejectionNote: 'Add #ad to the caption.',
    });
    expect(res.body.reviewedAt).not.toBeNull();
  });

  it('a reviewed submission cannot be reviewed again (409)', async () => {
    const { brand, clipper, campaignId } = await world();
    const created = await submitted(clipper, campaignId);
    await review(brand, created.id, { decision: 'APPROVE' });
    for (const body of [{ decision: 'APPROVE' }, { decision: 'REJECT', reasonCode: 'OTHER' }]) {
      const res = await review(brand, created.id, body);
      expect(res.status, res.text).toBe(409);
    }
    expect((await db().submission.findUniqueOrThrow({ where: { id: created.id } })).status).toBe('APPROVED');
  });

  it('is open while the campaign runs or is under review, closed once it is finished or discarded (409)', async () => {
    const { brand, clipper, campaignId } = await world();
    const [a, b, c] = [
      await submitted(clipper, campaignId),
      await submitted(clipper, campaignId),
      await submitted(clipper, campaignId),
    ];
    await db().campaign.update({ where: { id: campaignId }, data: { status: 'UNDER_REVIEW' } });
    expect((await review(brand, a.id, { decision: 'APPROVE' })).status).toBe(200);
    for (const [status, sub] of [
      ['FINISHED', b],
      ['DISCARDED', c],
    ] as const) {
      await db().campaign.update({ where: { id: campaignId }, data: { status } });
      const res = await review(brand, sub.id, { decision: 'APPROVE' });
      expect(res.status, `${status}: ${res.text}`).toBe(409);
      expect(res.body.detail).toMatch(status);
      expect((await db().submission.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe('PENDING_REVIEW');
    }
  });

  it('a moderator may review; a finance admin may not (403)', async () => {
    const { clipper, campaignId } = await world();
    const [moderator, finance] = await Promise.all([user('ADMIN', 'MODERATOR'), user('ADMIN', 'FINANCE')]);
    const created = await submitted(clipper, campaignId);
    const refused = await review(finance, created.id, { decision: 'APPROVE' });
    expect(refused.status, refused.text).toBe(403);
    const res = await review(moderator, created.id, { decision: 'REJECT', reasonCode: 'BRAND_SAFETY' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'REJECTED', rejectionReasonCode: 'BRAND_SAFETY', rejectionNote: null });
  });
});

describe('listing', () => {
  it('GET /submissions: a clipper sees its own, a brand its campaigns’, an admin all; filters by status', async () => {
    const one = await world();
    const two = await world();
    const admin = await user('ADMIN', 'FINANCE');
    // The first clipper also works for the second brand.
    await insertApplication(db(), two.campaignId, one.clipper.id);
    const s1 = await insertSubmission(db(), one.campaignId, one.clipper.id);
    const s2 = await insertSubmission(db(), two.campaignId, one.clipper.id, 'APPROVED');
    const s3 = await insertSubmission(db(), two.campaignId, two.clipper.id, 'REJECTED');
    const list = (who: TestUser, query: Record<string, string | number> = {}) =>
      request(app()).get(`${API}/submissions`).query(query).set(bearer(who));
    const sorted = (ids: string[]) => [...ids].sort();

    const mine = await list(one.clipper);
    expect(mine.status, mine.text).toBe(200);
    expectMatchesResponseSchema(routeOf('get', '/submissions'), mine.body);
    expect(sorted(idsOf(mine))).toEqual(sorted([s1, s2]));
    expect(idsOf(await list(two.clipper))).toEqual([s3]);
    expect(idsOf(await list(one.brand))).toEqual([s1]);
    expect(sorted(idsOf(await list(two.brand)))).toEqual(sorted([s2, s3]));
    expect(idsOf(await list(admin, { limit: 100 }))).toEqual(expect.arrayContaining([s1, s2, s3]));

    expect(idsOf(await list(one.clipper, { status: 'APPROVED' }))).toEqual([s2]);
    expect(idsOf(await list(two.brand, { status: 'REJECTED' }))).toEqual([s3]);
    expect(idsOf(await list(two.brand, { status: 'PENDING_REVIEW' }))).toEqual([]);
    expect(idsOf(await list(admin, { campaignId: two.campaignId, status: 'APPROVED' }))).toEqual([s2]);
    const bad = await list(admin, { status: 'LOST' });
    expect(bad.status).toBe(422);
    expect(fieldsOf(bad)).toEqual(['status']);
  });

  it('GET /campaigns/:id/submissions: the brand sees all on its campaign, a clipper only its own', async () => {
    const { brand, clipper, campaignId } = await world();
    const rival = await user('CLIPPER');
    await insertApplication(db(), campaignId, rival.id);
    const mine = [
      await insertSubmission(db(), campaignId, clipper.id),
      await insertSubmission(db(), campaignId, clipper.id, 'APPROVED'),
    ];
    const theirs = await insertSubmission(db(), campaignId, rival.id);
    const elsewhere = await world();
    await insertSubmission(db(), elsewhere.campaignId, clipper.id);
    const list = (who: TestUser, query: Record<string, string> = {}) =>
      request(app()).get(`${API}/campaigns/${campaignId}/submissions`).query(query).set(bearer(who));

    const all = await list(brand);
    expect(all.status, all.text).toBe(200);
    expectMatchesResponseSchema(routeOf('get', '/campaigns/:id/submissions'), all.body);
    expect([...idsOf(all)].sort()).toEqual([...mine, theirs].sort());
    expect([...idsOf(await list(clipper))].sort()).toEqual([...mine].sort());
    expect(idsOf(await list(rival))).toEqual([theirs]);
    expect(idsOf(await list(brand, { status: 'APPROVED' }))).toEqual([mine[1]]);
    // The item carries the clip and its link.
    expect(all.body.items[0].clip).toEqual(expect.objectContaining({ filename: 'clip.mp4' }));
    expect(all.body.items[0].links).toHaveLength(1);
  });

  describe.each([
    ['GET /campaigns/:id/submissions (brand)', 'campaign'],
    ['GET /submissions (clipper)', 'mine'],
  ] as const)('%s', (_name, kind) => {
    it('pages newest first with no duplicates or skips while newer submissions are inserted', async () => {
      const { brand, clipper, campaignId } = await world();
      const url = kind === 'campaign' ? `${API}/campaigns/${campaignId}/submissions` : `${API}/submissions`;
      const who = kind === 'campaign' ? brand : clipper;
      const page = (query: Record<string, string | number>) => request(app()).get(url).query(query).set(bearer(who));

      const base = ctx.testApp.clock.now().getTime() - 3_600_000;
      const original: Array<{ id: string; at: number }> = [];
      for (let i = 0; i < 12; i++) {
        // Pairs share a creation time, so the id has to break ties.
        const at = base + Math.floor(i / 2) * 1000;
        const id = await insertSubmission(db(), campaignId, clipper.id);
        await db().submission.update({ where: { id }, data: { createdAt: new Date(at) } });
        original.push({ id, at });
      }
      const expected = [...original].sort((x, y) => y.at - x.at || (x.id < y.id ? 1 : -1)).map((row) => row.id);

      const first = await page({ limit: 5 });
      expect(first.status, first.text).toBe(200);
      expect(idsOf(first)).toEqual(expected.slice(0, 5));
      expect(first.body.nextCursor).toEqual(expect.any(String));

      const newer: string[] = [];
      for (let i = 0; i < 5; i++) {
        const id = await insertSubmission(db(), campaignId, clipper.id);
        await db().submission.update({ where: { id }, data: { createdAt: new Date(base + 60_000 + i) } });
        newer.push(id);
      }

      const seen = [...idsOf(first)];
      let cursor: string | null = first.body.nextCursor;
      let pages = 1;
      while (cursor) {
        const next = await page({ limit: 5, cursor });
        expect(next.status, next.text).toBe(200);
        seen.push(...idsOf(next));
        cursor = next.body.nextCursor;
        pages += 1;
        expect(pages).toBeLessThan(10);
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(expected);

      // Starting again, the newer rows come first.
      const fresh = await page({ limit: 5 });
      expect(idsOf(fresh)).toEqual([...newer].reverse());
    });

    it('refuses a cursor it did not give out (422 naming cursor)', async () => {
      const { brand, clipper, campaignId } = await world();
      const url = kind === 'campaign' ? `${API}/campaigns/${campaignId}/submissions` : `${API}/submissions`;
      const who = kind === 'campaign' ? brand : clipper;
      for (const cursor of [
        '%%%',
        Buffer.from('["not a date","sub_x"]').toString('base64url'),
        Buffer.from('{}').toString('base64url'),
      ]) {
        const res = await request(app()).get(url).query({ cursor }).set(bearer(who));
        expect(res.status, res.text).toBe(422);
        expect(fieldsOf(res)).toEqual(['cursor']);
      }
    });
  });
});

describe('the audit trail', () => {
  it('records created, updated, approved and rejected with the actor', async () => {
    const { brand, clipper, campaignId } = await world();
    const post = freshTikTokLink();
    const a = await submitted(clipper, campaignId, [post]);
    const b = await submitted(clipper, campaignId);
    await patch(clipper, a.id, { caption: 'better', links: [post, freshTikTokLink()] });
    await review(brand, a.id, { decision: 'APPROVE' });
    await review(brand, b.id, { decision: 'REJECT', reasonCode: 'LOW_QUALITY', note: 'Blurry.' });
    // A refused request leaves no trace.
    await review(brand, b.id, { decision: 'APPROVE' });

    const events = await db().auditEvent.findMany({
      where: { subjectId: { in: [a.id, b.id] } },
      orderBy: { id: 'asc' },
      select: { action: true, actorId: true, subjectType: true, subjectId: true, before: true, after: true },
    });
    const canonical = `https://www.tiktok.com/@clipper/video/${tiktokIdOf(post)}`;
    expect(events).toEqual([
      {
        action: 'submission.created',
        actorId: clipper.id,
        subjectType: 'Submission',
        subjectId: a.id,
        before: null,
        after: { campaignId, links: [canonical] },
      },
      expect.objectContaining({ action: 'submission.created', actorId: clipper.id, subjectId: b.id }),
      {
        action: 'submission.updated',
        actorId: clipper.id,
        subjectType: 'Submission',
        subjectId: a.id,
        before: null,
        after: ['links', 'caption'],
      },
      {
        action: 'submission.approved',
        actorId: brand.id,
        subjectType: 'Submission',
        subjectId: a.id,
        before: { status: 'PENDING_REVIEW' },
        after: { status: 'APPROVED' },
      },
      {
        action: 'submission.rejected',
        actorId: brand.id,
        subjectType: 'Submission',
        subjectId: b.id,
        before: { status: 'PENDING_REVIEW' },
        after: { status: 'REJECTED', reasonCode: 'LOW_QUALITY', note: 'Blurry.' },
      },
    ]);
  });
});
