// Above the viewer while a Pre-review passage is open: what it is, Accept and Dismiss right
// there (the reviewer has just read it on the page), and the way back to the matrix.
import { useState } from 'react';
import { IconBack, IconCheck } from '../../ui/icons.tsx';
import { messageOf } from '../../api/client.ts';
import { DismissDialog } from './DismissDialog.tsx';
import { pagesLabel } from './model.ts';
import type { OpenedPassage, PrereviewActions } from './actions.ts';

export function PassageBar({ passage: p, readOnly, actions, onDecided, onBack, onClose }: { passage: OpenedPassage; readOnly: boolean; actions: PrereviewActions; onDecided(p: OpenedPassage): void; onBack(): void; onClose(): void }) {
  const [dismissing, setDismissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: 'accepted' | 'dismissed', reason: string) => {
    const { annotationId } = await actions.decide({ documentId: p.documentId, rule: p.ruleId, page: p.page, quote: p.quote, decision, reason });
    onDecided({ ...p, decision, decisionReason: reason, annotationId });
  };
  return (
    <div className="passage-bar" role="region" aria-label="Pre-review passage">
      <button type="button" className="back" onClick={onBack}>
        <IconBack /> Back to pre-review
      </button>
      <span className="passage-bar-text" title={p.quote}>
        <strong>{p.ruleLabel}</strong> · {pagesLabel(p.page, p.endPage)} · “{p.quote}”
      </span>
      {p.decision === 'accepted' && (
        <span className="chip decision-accepted">
          <IconCheck /> Accepted as evidence
        </span>
      )}
      {p.decision === 'dismissed' && <span className="chip subtle">Dismissed</span>}
      {!readOnly && p.decision === null && (
        <>
          <button type="button" onClick={() => void decide('accepted', '').catch((e) => setError(messageOf(e)))}>
            Accept
          </button>
          <button type="button" onClick={() => setDismissing(true)}>
            Dismiss
          </button>
        </>
      )}
      <button type="button" className="link" onClick={onClose}>
        Close
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {dismissing && <DismissDialog page={p.page} endPage={p.endPage} quote={p.quote} onClose={() => setDismissing(false)} onDismiss={(reason) => decide('dismissed', reason)} />}
    </div>
  );
}
