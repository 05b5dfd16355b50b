// The back office's landing page: what needs attention now, each figure linking to the list behind it.
// Bundled by AdminJS (React and AdminJS are globals in the page), so it imports nothing else at run time. Its JSX
// compiles to React.createElement, hence React used by name.
import { ApiClient } from 'adminjs';
import React from 'react';
import type { OperationsOverview as Overview } from '../../server/modules/system/get-operations-overview.js';

/** Cents arrive as an integer (safe below 2^53); formatted from their digits, without floating point. */
function dollars(amount: number): string {
  const cents = String(amount);
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

const LISTS = '/admin/resources';

/** Each figure counts exactly what the filtered list it links to shows. */
function figures(o: Overview) {
  return [
    {
      label: 'Campaigns to approve',
      value: String(o.campaignsPendingApproval),
      note: 'Submitted by brands, waiting for review',
      href: `${LISTS}/Campaign?filters.status=PENDING_APPROVAL`,
    },
    {
      label: 'View counts to verify',
      value: String(o.snapshotsPendingVerification),
      note: 'Snapshots waiting for verification',
      href: `${LISTS}/ViewSnapshot?filters.status=PENDING`,
    },
    {
      label: 'Open disputes',
      value: String(o.openDisputes),
      note: 'Raised by brands, not yet taken up',
      href: `${LISTS}/Dispute?filters.status=OPEN`,
    },
    {
      label: 'Open fraud flags',
      value: String(o.openFraudFlags),
      note: 'Holding earnings until reviewed',
      href: `${LISTS}/FraudFlag?filters.status=OPEN`,
    },
    {
      label: 'Pending payouts',
      value: dollars(o.pendingPayoutsCents),
      note: `${o.pendingPayouts} payout(s) waiting to be approved or paid`,
      href: `${LISTS}/Payout?filters.status=PENDING`,
    },
    {
      label: 'Available to pay out',
      value: dollars(o.availableToPayOutCents),
      note: 'Earnings past their hold, not yet in a payout',
      href: `${LISTS}/Accrual?filters.state=AVAILABLE`,
    },
  ];
}

const Dashboard = () => {
  const [overview, setOverview] = React.useState<Overview | null>(null);
  const [failed, setFailed] = React.useState(false);
  React.useEffect(() => {
    new ApiClient()
      .getDashboard()
      .then((response) => setOverview(response.data as Overview))
      .catch(() => setFailed(true));
  }, []);
  return (
    <div style={{ padding: 32 }}>
      <h2 style={{ fontSize: 24, fontWeight: 600, marginBottom: 4 }}>Operations</h2>
      <p style={{ color: '#6b7280', marginBottom: 24 }}>What needs attention now.</p>
      {failed && <p role="alert">The overview could not be loaded. Reload the page to try again.</p>}
      {!overview && !failed && <p aria-busy="true">Loading…</p>}
      {overview && (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: 16 }}>
          {figures(overview).map((figure) => (
            <Figure key={figure.label} {...figure} />
          ))}
        </div>
      )}
    </div>
  );
};

export default Dashboard;
