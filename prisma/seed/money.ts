import type { LedgerAccount, PayoutStatus, Prisma } from '@prisma/client';
import { newId } from '../../server/shared/ids.js';
import type { CampaignKey } from './campaigns.js';
import { addDays, daysFromNow, formatCents, type SeedContext } from './context.js';
import type { AccrualPlan, SeededSubmission, SubmissionKey } from './submissions.js';
import type { ClipperKey, UserKey } from './users.js';

// Money rules (DESIGN.md §4), integer cents in BigInt throughout.
const PLATFORM_COMMISSION_BPS = 2000;

/** floor(views × cpm / 1000), capped per submission. */
export function grossForViews(views: bigint, cpmCents: number, capCents: number | null): bigint {
  const gross = (views * BigInt(cpmCents)) / 1000n;
  return capCents !== null && gross > BigInt(capCents) ? BigInt(capCents) : gross;
}

/** round-half-up(gross × bps / 10000) for non-negative gross. */
export function commissionFor(grossCents: bigint, bps: number): bigint {
  return (grossCents * BigInt(bps) + 5000n) / 10000n;
}

interface PayoutPlan {
  clipper: ClipperKey;
  /** Accruals in this state (all of them, for this clipper) are the payout's lines. */
  lineState: 'IN_PAYOUT' | 'PAID';
  status: PayoutStatus;
  createdDay: number;
  approvedDay?: number;
  paidDay?: number;
  reference?: string;
}

const PAYOUTS: PayoutPlan[] = [
  { clipper: 'maya', lineState: 'IN_PAYOUT', status: 'PENDING', createdDay: -8 },
  {
    clipper: 'leo',
    lineState: 'PAID',
    status: 'PAID',
    createdDay: -60,
    approvedDay: -59,
    paidDay: -58,
    reference: 'BANK-2026-11-0001',
  },
];

interface Line {
  id: string;
  submission: SeededSubmission;
  clipperId: string;
  plan: AccrualPlan;
  createdAt: Date;
  holdUntil: Date;
  views: bigint;
  gross: bigint;
  commission: bigint;
  net: bigint;
  payoutId: string | null;
}

export interface SeededPayout {
  id: string;
  clipper: ClipperKey;
  status: PayoutStatus;
  amountCents: bigint;
}

/** Views that count at `at`: latest verified count per link, captured inside the counting window, summed. */
function countedViews(submission: SeededSubmission, at: Date): bigint {
  let total = 0n;
  for (const link of submission.links) {
    const windowEnd = addDays(link.postedAt, submission.campaign.countingWindowDays);
    const counted = link.snapshots
      .filter((s) => s.verifiedAt !== null && s.verifiedAt <= at && s.capturedAt <= windowEnd)
      .sort((a, b) => a.capturedAt.getTime() - b.capturedAt.getTime());
    total += counted.at(-1)?.viewCount ?? 0n;
  }
  return total;
}

/** Accrual lines, in time order, each the delta from what the submission had already accrued. */
function computeLines(ctx: SeedContext, users: Record<UserKey, string>, submissions: SeededSubmission[]): Line[] {
  const plans = submissions.flatMap((submission) => submission.accruals.map((plan) => ({ submission, plan })));
  plans.sort((a, b) => a.plan.day - b.plan.day);
  const reserved = new Map<CampaignKey, bigint>();
  const accrued = new Map<SubmissionKey, { gross: bigint; commission: bigint }>();
  return plans.map(({ submission, plan }) => {
    const campaign = submission.campaign;
    const createdAt = daysFromNow(ctx, plan.day);
    const views = countedViews(submission, createdAt);
    const before = accrued.get(submission.key) ?? { gross: 0n, commission: 0n };
    const remainingBudget = campaign.totalBudgetCents - (reserved.get(campaign.key) ?? 0n);
    const target =
      views < BigInt(campaign.minViews)
        ? 0n
        : grossForViews(views, campaign.cpmCents, campaign.maxPayoutPerSubmissionCents);
    let gross = target - before.gross;
    if (gross > remainingBudget) gross = remainingBudget;
    if (gross <= 0n) throw new Error(`seed: accrual plan for ${submission.key} on day ${plan.day} earns nothing`);
    const bps = campaign.commissionBps ?? PLATFORM_COMMISSION_BPS;
    const commission = commissionFor(before.gross + gross, bps) - before.commission;
    accrued.set(submission.key, { gross: before.gross + gross, commission: before.commission + commission });
    reserved.set(campaign.key, (reserved.get(campaign.key) ?? 0n) + gross);

    const holdUntil = addDays(createdAt, campaign.holdDays);
    if ((plan.state === 'PENDING') !== holdUntil > ctx.now) {
      throw new Error(
        `seed: accrual ${submission.key}@${plan.day} is ${plan.state} but its hold ends ${holdUntil.toISOString()}`,
      );
    }
    return {
      id: newId('acr', createdAt.getTime()),
      submission,
      clipperId: users[submission.clipper],
      plan,
      createdAt,
      holdUntil,
      views,
      gross,
      commission,
      net: gross - commission,
      payoutId: null,
    };
  });
}

interface Posting {
  account: LedgerAccount;
  ownerId: string | null;
  amountCents: bigint;
  accrualId?: string;
  payoutId?: string;
}

/** Moves `amount` from one (account, owner) to another: a balanced pair of postings. */
function move(
  from: [LedgerAccount, string | null],
  to: [LedgerAccount, string | null],
  amountCents: bigint,
  refs: { accrualId?: string; payoutId?: string },
): Posting[] {
  return [
    { account: from[0], ownerId: from[1], amountCents: -amountCents, ...refs },
    { account: to[0], ownerId: to[1], amountCents, ...refs },
  ];
}

/** Collects journals; every journal's entries must sum to exactly zero. */
class Ledger {
  readonly entries: Prisma.LedgerEntryCreateManyInput[] = [];
  journals = 0;

  post(at: Date, memo: string, postings: Posting[]): void {
    const sum = postings.reduce((total, p) => total + p.amountCents, 0n);
    if (sum !== 0n) throw new Error(`seed: unbalanced journal "${memo}" (${sum})`);
    const journalId = newId('jnl', at.getTime());
    this.journals++;
    for (const p of postings)
      this.entries.push({ id: newId('led', at.getTime()), journalId, memo, createdAt: at, ...p });
  }
}

/** Accruals (PENDING, AVAILABLE, IN_PAYOUT, PAID), one pending and one paid payout, and the ledger behind them. */
export async function seedMoney(
  ctx: SeedContext,
  users: Record<UserKey, string>,
  submissions: Record<SubmissionKey, SeededSubmission>,
): Promise<SeededPayout[]> {
  const lines = computeLines(ctx, users, Object.values(submissions));
  const ledger = new Ledger();
  const payouts = PAYOUTS.map((plan) => buildPayout(ctx, users, plan, lines));

  for (const line of lines) {
    const refs = { accrualId: line.id };
    const clipper = line.clipperId;
    ledger.post(line.createdAt, `Accrual: ${line.submission.key} at ${line.views} views`, [
      { account: 'BRAND_CAMPAIGN_BUDGET', ownerId: line.submission.campaign.id, amountCents: -line.gross, ...refs },
      { account: 'CLIPPER_PENDING', ownerId: clipper, amountCents: line.net, ...refs },
      { account: 'PLATFORM_REVENUE', ownerId: null, amountCents: line.commission, ...refs },
    ]);
    if (line.plan.state !== 'PENDING') {
      ledger.post(
        line.holdUntil,
        'Hold period over',
        move(['CLIPPER_PENDING', clipper], ['CLIPPER_AVAILABLE', clipper], line.net, refs),
      );
    }
  }
  for (const { row, lines: payoutLines } of payouts) {
    const clipper = row.clipperId;
    const refs = (line: Line) => ({ accrualId: line.id, payoutId: row.id });
    ledger.post(
      row.createdAt as Date,
      `Payout ${row.id} created`,
      payoutLines.flatMap((line) =>
        move(['CLIPPER_AVAILABLE', clipper], ['CLIPPER_IN_PAYOUT', clipper], line.net, refs(line)),
      ),
    );
    if (row.status === 'PAID') {
      ledger.post(
        row.paidAt as Date,
        `Payout ${row.id} paid, reference ${row.reference}`,
        payoutLines.flatMap((line) => move(['CLIPPER_IN_PAYOUT', clipper], ['CASH_OUT', null], line.net, refs(line))),
      );
    }
  }

  await ctx.tx.payout.createMany({ data: payouts.map((p) => p.row) });
  await ctx.tx.accrual.createMany({
    data: lines.map((line) => ({
      id: line.id,
      submissionId: line.submission.id,
      clipperId: line.clipperId,
      payoutId: line.payoutId,
      viewsCounted: line.views,
      grossCents: line.gross,
      commissionCents: line.commission,
      netCents: line.net,
      state: line.plan.state,
      holdUntil: line.holdUntil,
      createdAt: line.createdAt,
    })),
  });
  await ctx.tx.ledgerEntry.createMany({ data: ledger.entries });
  await reserveBudgets(ctx, lines);
  ctx.log(
    `seed: ${lines.length} accruals, ${payouts.length} payouts, ${ledger.journals} ledger journals (${ledger.entries.length} entries)`,
  );
  return payouts.map(({ row, clipper }) => ({
    id: row.id as string,
    clipper,
    status: row.status as PayoutStatus,
    amountCents: row.amountCents as bigint,
  }));
}

function buildPayout(ctx: SeedContext, users: Record<UserKey, string>, plan: PayoutPlan, lines: Line[]) {
  const clipperId = users[plan.clipper];
  const createdAt = daysFromNow(ctx, plan.createdDay);
  const id = newId('pay', createdAt.getTime());
  const payoutLines = lines.filter((l) => l.clipperId === clipperId && l.plan.state === plan.lineState);
  if (payoutLines.length === 0) throw new Error(`seed: payout for ${plan.clipper} has no ${plan.lineState} lines`);
  for (const line of payoutLines) {
    if (line.holdUntil > createdAt)
      throw new Error(`seed: accrual ${line.id} was still on hold when its payout was made`);
    line.payoutId = id;
  }
  const amountCents = payoutLines.reduce((sum, l) => sum + l.net, 0n);
  const commissionCents = payoutLines.reduce((sum, l) => sum + l.commission, 0n);
  const approvedAt = plan.approvedDay === undefined ? null : daysFromNow(ctx, plan.approvedDay);
  const paidAt = plan.paidDay === undefined ? null : daysFromNow(ctx, plan.paidDay);
  const row: Prisma.PayoutCreateManyInput = {
    id,
    clipperId,
    amountCents,
    commissionCents,
    status: plan.status,
    method: 'MANUAL',
    reference: plan.reference ?? null,
    approvedById: approvedAt ? users.superadmin : null,
    approvedAt,
    paidById: paidAt ? users.finance : null,
    paidAt,
    createdAt,
  };
  auditPayout(ctx, users, row, approvedAt, paidAt);
  return { row, clipper: plan.clipper, lines: payoutLines };
}

function auditPayout(
  ctx: SeedContext,
  users: Record<UserKey, string>,
  row: Prisma.PayoutCreateManyInput,
  approvedAt: Date | null,
  paidAt: Date | null,
) {
  const subject = { subjectType: 'Payout', subjectId: row.id };
  const amount = { amountCents: String(row.amountCents), display: formatCents(row.amountCents as bigint) };
  ctx.audits.push({
    at: row.createdAt as Date,
    actorType: 'ADMIN',
    actorId: users.finance,
    action: 'payout.created',
    ...subject,
    after: { status: 'PENDING', ...amount, method: 'MANUAL' },
  });
  if (approvedAt) {
    ctx.audits.push({
      at: approvedAt,
      actorType: 'ADMIN',
      actorId: users.superadmin,
      action: 'payout.approved',
      ...subject,
      before: { status: 'PENDING' },
      after: { status: 'APPROVED', ...amount },
    });
  }
  if (paidAt) {
    ctx.audits.push({
      at: paidAt,
      actorType: 'ADMIN',
      actorId: users.finance,
      action: 'payout.marked_paid',
      ...subject,
      before: { status: 'APPROVED' },
      after: { status: 'PAID', reference: row.reference ?? null, ...amount },
    });
  }
}

/** campaign.reservedBudgetCents = sum of the gross of its accruals. */
async function reserveBudgets(ctx: SeedContext, lines: Line[]) {
  const reserved = new Map<string, bigint>();
  for (const line of lines)
    reserved.set(line.submission.campaign.id, (reserved.get(line.submission.campaign.id) ?? 0n) + line.gross);
  for (const [id, cents] of reserved) {
    await ctx.tx.campaign.update({ where: { id }, data: { reservedBudgetCents: cents } });
  }
}
