import { Prisma } from '@prisma/client';
import type { DbClient } from '../../db.js';
import { AppError, type FieldIssue } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { type NormalisedPostLink, normalisePostLink, PostLinkError } from './post-links.js';

const invalid = (issues: FieldIssue[]) => new AppError('VALIDATION_FAILED', 'The request is not valid.', { issues });

/** Normalises each pasted link; refuses other hosts, platforms the campaign does not target, and repeats. */
export function prepareLinks(urls: string[], targetPlatforms: readonly string[]): NormalisedPostLink[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const links: NormalisedPostLink[] = [];
  urls.forEach((url, index) => {
    const path = `links.${index}`;
    try {
      const link = normalisePostLink(url);
      const identity = `${link.platform}:${link.platformPostId}`;
      if (!targetPlatforms.includes(link.platform)) {
        issues.push({
          path,
          message: `is a ${link.platform} post; this campaign targets ${targetPlatforms.join(', ')}`,
        });
      } else if (seen.has(identity)) {
        issues.push({ path, message: 'is the same post as an earlier link' });
      } else {
        seen.add(identity);
        links.push(link);
      }
    } catch (error) {
      if (!(error instanceof PostLinkError)) throw error;
      issues.push({ path, message: error.message });
    }
  });
  if (issues.length > 0) throw invalid(issues);
  return links;
}

/** A rejected submission's posts may be submitted again (its links stay, marked released, as its record). */
export async function releaseLinks(tx: DbClient, submissionId: string, now: Date): Promise<void> {
  await tx.postLink.updateMany({ where: { submissionId, releasedAt: null }, data: { releasedAt: now } });
}

/**
 * Makes the submission's links exactly `links`: keeps those already there, removes dropped ones, adds new ones.
 * A post claimed by any other submission is a 409 (the unique (platform, post id) pair settles races).
 */
export async function saveLinks(
  tx: DbClient,
  submissionId: string,
  links: NormalisedPostLink[],
  now: Date,
): Promise<void> {
  const claimed = await tx.postLink.findMany({
    where: {
      OR: links.map(({ platform, platformPostId }) => ({ platform, platformPostId })),
      submissionId: { not: submissionId },
      releasedAt: null,
    },
    select: { platform: true, platformPostId: true },
  });
  if (claimed.length > 0) throw alreadyClaimed(links, claimed[0] as { platform: string; platformPostId: string });
  const current = await tx.postLink.findMany({
    where: { submissionId },
    select: { id: true, platform: true, platformPostId: true },
  });
  const key = (link: { platform: string; platformPostId: string }) => `${link.platform}:${link.platformPostId}`;
  const wanted = new Set(links.map(key));
  const existing = new Set(current.map(key));
  const dropped = current.filter((link) => !wanted.has(key(link))).map((link) => link.id);
  if (dropped.length > 0) await tx.postLink.deleteMany({ where: { id: { in: dropped } } });
  // Ids in the caller's order (lists show links as pasted); rows inserted in a fixed order, so two requests
  // claiming overlapping posts take the unique index's locks in the same order.
  const added = links
    .filter((link) => !existing.has(key(link)))
    .map((link) => ({
      id: newId('pln', now.getTime()),
      submissionId,
      platform: link.platform,
      url: link.url,
      platformPostId: link.platformPostId,
      createdAt: now,
    }))
    .sort((a, b) => key(a).localeCompare(key(b)));
  try {
    await tx.postLink.createMany({ data: added });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('CONFLICT', 'One of these posts was just claimed by another submission.');
    }
    throw error;
  }
}

function alreadyClaimed(links: NormalisedPostLink[], taken: { platform: string; platformPostId: string }) {
  const index = links.findIndex((l) => l.platform === taken.platform && l.platformPostId === taken.platformPostId);
  return new AppError('CONFLICT', `links.${index}: this post is already part of another submission.`, {
    issues: [{ path: `links.${index}`, message: 'is already part of another submission' }],
  });
}
