// The back office's landing page: what needs attention now, each figure linking to the list behind it.
// Bundled by AdminJS (React and AdminJS are globals in the page), so it imports nothing else.
import { ApiClient } from 'adminjs';
import type React from 'react';
import { useEffect, useState } from 'react';

interface Overview {
  campaignsPendingApproval: number;
  snapshotsPendingVerification: number;
  openDisputes: number;
  openFraudFlags: number;
  pendingPayouts: number;
  pendingPayoutsCents: string;
  availableToPayOutCents: string;
}

/** Cents arrive as a decimal string; format without floating point. */
function dollars(cents: string): string {
  const negative = cents.startsWith('-');
  const digits = (negative ? cents.slice(1) : cents).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${whole}.${digits.slice(-2)}`;
}

const card: React.CSSProperties = {
  display: 'block',
  background: '#fff',
  border: '1px solid #e5e7eb',
  borderRadius: 8,
  padding: '20px 24px',
  color: '#111827',
  textDecoration: 'none',
};

function Figure({ label, value, note, href }: { label: string; value: string; note: string; href: string }) {
  return (
    <a href={href} style={card} data-testid="overview-figure">
      <div style={{ fontSize: 13, color: '#6b7280' }}>{label}</div>
      <div style={{ fontSize: 30, fontWeight: 600, margin: '6px 0' }}>{value}</div>
      <div style={{ fontSize: 13, color: '#4b5563' }}>{note}</div>
    </a>
  );
}

const Dashboard = () => {
  const [overview, setOverview] = useState<Overview | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    new ApiClient()
      .getDashboard()
      .then((response) => setOverview(response.data as Overview))
      .catch(() => setFailed(true));
  }, []);

  const root = '/admin/resources';
  return (
    <div style={{ padding: 32 }}>
      <h2 style={{ fontSize: 24, fontWeight: 600, marginBottom: 4 }}>Operations</h2>
      <p style={{ color: '#6b7280', marginBottom: 24 }}>What needs attention now.</p>
      {failed && <p role="alert">The overview could not be loaded. Reload the page to try again.</p>}
      {!overview && !failed && <p aria-busy="true">Loading…</p>}
      {overview && (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: 16 }}>
          <Figure
            label="Campaigns to approve"
            value={String(overview.campaignsPendingApproval)}
            note="Submitted by brands, waiting for review"
            href={`${root}/Campaign?filters.status=PENDING_APPROVAL`}
          />
          <Figure
            label="View counts to verify"
            value={String(overview.snapshotsPendingVerification)}
            note="Snapshots waiting for verification"
            href={`${root}/ViewSnapshot?filters.status=PENDING`}
          />
          <Figure
            label="Open disputes"
            value={String(overview.openDisputes)}
            note="Raised by brands, not yet resolved"
            href={`${root}/Dispute?filters.status=OPEN`}
          />
          <Figure
            label="Open fraud flags"
            value={String(overview.openFraudFlags)}
            note="Holding earnings until reviewed"
            href={`${root}/FraudFlag?filters.status=OPEN`}
          />
          <Figure
            label="Pending payouts"
            value={dollars(overview.pendingPayoutsCents)}
            note={`${overview.pendingPayouts} payout(s) waiting to be approved or paid`}
            href={`${root}/Payout?filters.status=PENDING`}
          />
          <Figure
            label="Available to pay out"
            value={dollars(overview.availableToPayOutCents)}
            note="Earnings past their hold, not yet in a payout"
            href={`${root}/Accrual?filters.state=AVAILABLE`}
          />
        </div>
      )}
    </div>
  );
};

export default Dashboard;
