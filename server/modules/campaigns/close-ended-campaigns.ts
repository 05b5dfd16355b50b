import type { Actor } from '../accounts/actor.js';
import type { Ctx } from '../context.js';
import { applyTransition } from './change-campaign-status.js';

const SYSTEM: Actor = { kind: 'system', name: 'campaigns.close-ended' };
const BATCH = 100;

/**
 * Moves running campaigns whose end date has passed to UNDER_REVIEW (the scheduled job). Each campaign moves in
 * its own transaction under its row lock, so an admin acting at the same moment cannot interleave.
 */
export async function closeEndedCampaigns(ctx: Ctx): Promise<{ closed: number }> {
  const now = ctx.clock.now();
  let closed = 0;
  for (;;) {
    const due = await ctx.db.campaign.findMany({
      where: { status: 'IN_PROGRESS', endsAt: { lte: now } },
      orderBy: [{ endsAt: 'asc' }, { id: 'asc' }],
      take: BATCH,
      select: { id: true },
    });
    for (const { id } of due) {
      const moved = await ctx.db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "Campaign" WHERE id = ${id} FOR UPDATE`;
        const campaign = await tx.campaign.findUniqueOrThrow({ where: { id }, select: { id: true, status: true } });
        if (campaign.status !== 'IN_PROGRESS') return false;
        await applyTransition(tx, ctx, SYSTEM, 'system', campaign, { status: 'UNDER_REVIEW' }, now);
        return true;
      });
      if (moved) closed += 1;
    }
    if (due.length < BATCH) return { closed };
  }
}
