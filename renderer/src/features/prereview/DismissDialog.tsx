// Dismissing a finding asks why: the reason goes into the audit trail beside the passage. Esc on a
// half-typed reason asks before throwing it away (Modal's confirmDiscard).
import { useState } from 'react';
import { Modal } from '../../ui/Modal.tsx';
import { messageOf } from '../../api/client.ts';
import { pagesLabel } from './model.ts';

export function DismissDialog({ page, endPage, quote, onDismiss, onClose }: { page: number; endPage: number; quote: string; onDismiss(reason: string): Promise<void>; onClose(): void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      id="dismiss-finding"
      title="Dismiss this finding"
      submitLabel="Dismiss finding"
      error={error}
      busy={busy}
      onClose={onClose}
      onSubmit={async () => {
        if (!reason.trim()) return setError('Say why you dismiss it: the reason is kept in the audit trail.');
        setBusy(true);
        try {
          await onDismiss(reason.trim());
          onClose();
        } catch (e) {
          setError(messageOf(e));
          setBusy(false);
        }
      }}
    >
      <p className="dismiss-quote">
        <span className="subtle">{pagesLabel(page, endPage)}</span> “{quote.length > 300 ? `${quote.slice(0, 300)}…` : quote}”
      </p>
      <div className="field">
        <label htmlFor="dismiss-reason">Why dismiss it?</label>
        <textarea id="dismiss-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={2000} />
      </div>
    </Modal>
  );
}
