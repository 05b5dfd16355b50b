import type { Db } from '../../db.js';
import { centsToWire } from '../../shared/money.js';

/** What needs an operator's attention now: the back office's landing figures. Read-only. */
export interface OperationsOverview {
  campaignsPendingApproval: number;
  snapshotsPendingVerification: number;
  /** OPEN only: each figure counts exactly what the back office's filtered list behind it shows. */
  openDisputes: number;
  openFraudFlags: number;
  pendingPayouts: number;
  /** Integer cents, like every amount the API and back office answer (docs/adr/0012-money-on-the-wire.md). */
  pendingPayoutsCents: number;
  availableToPayOutCents: number;
}

export async function getOperationsOverview(db: Db): Promise<OperationsOverview> {
  const [campaigns, snapshots, disputes, flags, payouts, available] = await Promise.all([
    db.campaign.count({ where: { status: 'PENDING_APPROVAL' } }),
    db.viewSnapshot.count({ where: { status: 'PENDING' } }),
    db.dispute.count({ where: { status: 'OPEN' } }),
    db.fraudFlag.count({ where: { status: 'OPEN' } }),
    db.payout.aggregate({
      where: { status: { in: ['PENDING', 'APPROVED'] } },
      _count: true,
      _sum: { amountCents: true },
    }),
    db.accrual.aggregate({ where: { state: 'AVAILABLE' }, _sum: { netCents: true } }),
  ]);
  return {
    campaignsPendingApproval: campaigns,
    snapshotsPendingVerification: snapshots,
    openDisputes: disputes,
    openFraudFlags: flags,
    pendingPayouts: payouts._count,
    pendingPayoutsCents: centsToWire(payouts._sum.amountCents),
    availableToPayOutCents: centsToWire(available._sum.netCents),
  };
}
