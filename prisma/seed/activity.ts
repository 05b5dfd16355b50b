import { newId } from '../../server/shared/ids.js';
import type { SeededCampaign } from './campaigns.js';
import { addHours, daysFromNow, formatCents, type SeedContext } from './context.js';
import type { SeededPayout } from './money.js';
import { clipperName, type UserKey } from './users.js';

/** Notifications, one brand–clipper message thread and the welcome e-mail in the dev mailbox. */
export async function seedActivity(
  ctx: SeedContext,
  users: Record<UserKey, string>,
  starfall: SeededCampaign,
  payouts: SeededPayout[],
  disputeId: string,
): Promise<void> {
  const pending = payouts.find((p) => p.status === 'PENDING');
  const paid = payouts.find((p) => p.status === 'PAID');
  if (!pending || !paid) throw new Error('seed: expected a pending and a paid payout');

  const notifications = [
    {
      user: users[pending.clipper],
      day: -8,
      kind: 'payout.created',
      title: `Payout of ${formatCents(pending.amountCents)} created`,
      body: 'Your available earnings were grouped into a payout. Finance will send the bank transfer shortly.',
      data: { payoutId: pending.id },
      read: false,
    },
    {
      user: users[paid.clipper],
      day: -58,
      kind: 'payout.paid',
      title: `You were paid ${formatCents(paid.amountCents)}`,
      body: 'The bank transfer for your Pixel Racers earnings has been sent.',
      data: { payoutId: paid.id },
      read: true,
    },
    {
      user: users.maya,
      day: -1.5,
      kind: 'dispute.opened',
      title: 'A brand disputed views on your Starfall clip',
      body: 'Nova Games questioned the latest view count. Reply with your analytics before the deadline.',
      data: { disputeId },
      read: false,
    },
  ];
  await ctx.tx.notification.createMany({
    data: notifications.map((n) => {
      const createdAt = daysFromNow(ctx, n.day);
      return {
        id: newId('ntf', createdAt.getTime()),
        userId: n.user,
        channel: 'IN_APP' as const,
        kind: n.kind,
        title: n.title,
        body: n.body,
        data: n.data,
        readAt: n.read ? addHours(createdAt, 3) : null,
        createdAt,
      };
    }),
  });

  const firstAt = daysFromNow(ctx, -9);
  const replyAt = addHours(firstAt, 4);
  const threadId = newId('thr', firstAt.getTime());
  await ctx.tx.messageThread.create({
    data: {
      id: threadId,
      campaignId: starfall.id,
      brandId: users.nova,
      clipperId: users.maya,
      subject: `About "${starfall.title}"`,
      lastMessageAt: replyAt,
      createdAt: firstAt,
      messages: {
        createMany: {
          data: [
            {
              id: newId('msg', firstAt.getTime()),
              senderId: users.nova,
              body: `Hi ${clipperName('maya')}, loved your first cut! Could you keep the Starfall logo on screen for the first two seconds in the next ones?`,
              readAt: addHours(firstAt, 1),
              createdAt: firstAt,
            },
            {
              id: newId('msg', replyAt.getTime()),
              senderId: users.maya,
              body: 'Sure! I will add it to the intro of the next two clips and tag @novagames in the caption.',
              createdAt: replyAt,
            },
          ],
        },
      },
    },
  });

  const mailedAt = daysFromNow(ctx, -100);
  await ctx.tx.devMail.create({
    data: {
      id: newId('dml', mailedAt.getTime()),
      to: 'clipper1@contentflow.local',
      subject: 'Welcome to ContentFlow',
      text:
        `Hi ${clipperName('maya')},\n\nWelcome to ContentFlow! Browse open campaigns, apply, post your clips and ` +
        'submit the links: you are paid for every 1,000 verified views.\n\nThe ContentFlow team',
      createdAt: mailedAt,
    },
  });
  ctx.log(`seed: ${notifications.length} notifications, 1 message thread (2 messages), 1 dev mail`);
}

/** Writes the audit events the other steps collected, oldest first. */
export async function flushAudits(ctx: SeedContext): Promise<void> {
  const events = [...ctx.audits].sort((a, b) => a.at.getTime() - b.at.getTime());
  await ctx.tx.auditEvent.createMany({
    data: events.map((e) => ({
      id: newId('aud', e.at.getTime()),
      actorType: e.actorType,
      actorId: e.actorId,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      before: e.before,
      after: e.after,
      requestId: 'seed',
      createdAt: e.at,
    })),
  });
  ctx.log(`seed: ${events.length} audit events`);
}
