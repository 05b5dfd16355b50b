import { useEffect, useState } from 'react';

type Status = 'checking' | 'online' | 'unreachable';

const LABELS: Record<Status, string> = {
  checking: 'Checking API…',
  online: 'API online',
  unreachable: 'API unreachable',
};

const DOTS: Record<Status, string> = {
  checking: 'bg-slate-400',
  online: 'bg-emerald-500',
  unreachable: 'bg-rose-500',
};

async function probe(): Promise<Status> {
  // no-store: a cached "ok" would hide an outage; the timeout turns a hung server into "unreachable".
  const res = await fetch('/healthz', { cache: 'no-store', signal: AbortSignal.timeout(5000) });
  const body: unknown = res.ok ? await res.json() : null;
  return (body as { status?: unknown } | null)?.status === 'ok' ? 'online' : 'unreachable';
}

export default function ApiStatus() {
  const [status, setStatus] = useState<Status>('checking');

  useEffect(() => {
    let live = true; // ignore a late answer after unmount (or StrictMode's double effect)
    probe()
      .catch((): Status => 'unreachable')
      .then((next) => live && setStatus(next));
    return () => {
      live = false;
    };
  }, []);

  return (
    <span
      data-testid="api-status"
      data-status={status}
      role="status"
      className="inline-flex items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1 text-sm text-slate-700"
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${DOTS[status]}`} />
      {LABELS[status]}
    </span>
  );
}
