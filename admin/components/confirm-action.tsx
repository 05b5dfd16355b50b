// The confirm step of every back-office action that changes state: it shows the question, asks for a reason where
// the action needs one, and sends the answer as a POST. AdminJS's own confirm dialog calls the action with a GET,
// which must never change anything, so actions use this instead.
// Bundled by AdminJS (React and AdminJS are globals in the page); JSX compiles to React.createElement.
import { type ActionProps, ApiClient, useActionResponseHandler } from 'adminjs';
import React from 'react';

/** What `admin/record-action.ts` passes in the action's `custom` options. */
interface ConfirmOptions {
  question: string;
  /** Set when the action needs a reason: the label of its field. */
  reasonLabel?: string;
}

const button: React.CSSProperties = {
  background: '#3040d6',
  color: '#fff',
  border: 0,
  borderRadius: 4,
  padding: '10px 24px',
  fontSize: 14,
  cursor: 'pointer',
};

const ConfirmAction = ({ action, resource, record }: ActionProps) => {
  const { question, reasonLabel } = action.custom as ConfirmOptions;
  const [reason, setReason] = React.useState('');
  const [sending, setSending] = React.useState(false);
  const handleResponse = useActionResponseHandler();
  if (!record) return null;
  const showUrl = `/admin/resources/${resource.id}/records/${record.id}/show`;

  const confirm = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    // A body makes AdminJS's client POST; the server acts only on a POST.
    const form = new FormData();
    if (reasonLabel) form.set('reason', reason);
    try {
      const response = await new ApiClient().recordAction({
        resourceId: resource.id,
        recordId: String(record.id),
        actionName: action.name,
        data: form,
      });
      handleResponse(response as unknown as Parameters<typeof handleResponse>[0]);
    } finally {
      setSending(false);
    }
  };

  return (
    <form onSubmit={confirm} style={{ background: '#fff', padding: 32, maxWidth: 640 }}>
      <p style={{ fontSize: 16, lineHeight: 1.5, marginBottom: 24 }}>{question}</p>
      {reasonLabel && (
        <label style={{ display: 'block', marginBottom: 24 }}>
          <span style={{ display: 'block', fontWeight: 600, marginBottom: 8 }}>{reasonLabel}</span>
          <textarea
            name="reason"
            required
            minLength={3}
            maxLength={1000}
            rows={4}
            value={reason}
            // Type-checked without the DOM library, which would give the element its `value`.
            onChange={(event) => setReason((event.target as unknown as { value: string }).value)}
            style={{ width: '100%', padding: 8, border: '1px solid #c0c0ca', borderRadius: 4, font: 'inherit' }}
          />
        </label>
      )}
      <button type="submit" disabled={sending} aria-busy={sending} style={button}>
        Confirm
      </button>
      <a href={showUrl} style={{ marginLeft: 16, color: '#3040d6' }}>
        Cancel
      </a>
    </form>
  );
};

export default ConfirmAction;
