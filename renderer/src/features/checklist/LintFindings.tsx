// The chokehold lint's findings, beside the order's definition: airway and blood-flow stances
// apart, each passage with Accept (it becomes evidence) or Dismiss (with a reason).
import { IconCheck } from '../../ui/icons.tsx';
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract.ts';
import { call, messageOf } from '../../api/client.ts';
import { LINT_STANCE_LABEL } from './stance.ts';
import { OcrChip, ScannerTextChip } from '../../ui/OcrChip.tsx';

type CaseLint = Output<'lint.forCase'>;
export interface LintActions {
  decideLint(input: { documentId: string; category: 'chokehold' | 'vascular'; page: number; quote: string; decision: 'accepted' | 'dismissed'; reason: string }): Promise<void>;
}

export function LintFindings({ caseId, actions, readOnly }: { caseId: string; actions: LintActions; readOnly: boolean }) {
  const [docs, setDocs] = useState<CaseLint | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dismissing, setDismissing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [version, setVersion] = useState(0);

  useEffect(() => {
    call('lint.forCase', { caseId })
      .then(setDocs)
      .catch((e) => setError(messageOf(e)));
  }, [caseId, version]);

  const decide = async (input: Parameters<LintActions['decideLint']>[0]) => {
    try {
      await actions.decideLint(input);
      setDismissing(null);
      setReason('');
      setVersion((v) => v + 1);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!docs) return <p className="subtle">Reading the policies for neck-restraint rules…</p>;
  return (
    <section className="lint" aria-label="Chokehold lint findings">
      <h3>What the policies say (lint)</h3>
      <p className="subtle">Suggestions from reading every document of the case. You decide: accept a passage to make it evidence, or dismiss it with a reason.</p>
      {docs.length === 0 && <p className="subtle">No documents yet.</p>}
      {docs.map((d) => (
        <div key={d.documentId} className="lint-doc">
          <h4>
            {d.documentTitle}
            {!d.isDirective && <span className="chip warn">Not a directive: reads like a public FAQ</span>}
          </h4>
          {(['chokehold', 'vascular'] as const).map((cat) => (
            <div key={cat} className="lint-cat">
              <p>
                <strong>{cat === 'chokehold' ? 'Chokeholds (airway)' : 'Vascular neck restraints (blood flow)'}:</strong> {LINT_STANCE_LABEL[d[cat].stance]}
              </p>
              <ul>
                {d[cat].evidence.map((e) => {
                  const key = `${d.documentId}|${cat}|${e.page}|${e.quote}`;
                  return (
                    <li key={key} className="finding">
                      <span className="subtle">p. {e.page}</span>
                      {e.ocr && <OcrChip />}
                      {e.scannerText && <ScannerTextChip />}{' '}
                      “{e.quote}”
                      <div className="finding-actions">
                        {e.decision === 'accepted' && <span className="chip"><IconCheck /> accepted as evidence</span>}
                        {e.decision === 'dismissed' && <span className="chip subtle">dismissed: {e.decisionReason}</span>}
                        {!readOnly && e.decision === null && (
                          <>
                            <button onClick={() => void decide({ documentId: d.documentId, category: cat, page: e.page, quote: e.quote, decision: 'accepted', reason: '' })}>Accept</button>
                            <button onClick={() => setDismissing(key)}>Dismiss</button>
                          </>
                        )}
                      </div>
                      {dismissing === key && (
                        <form
                          className="dismiss"
                          onSubmit={(ev) => {
                            ev.preventDefault();
                            void decide({ documentId: d.documentId, category: cat, page: e.page, quote: e.quote, decision: 'dismissed', reason });
                          }}
                        >
                          <label>
                            Why dismiss it? <input value={reason} onChange={(ev) => setReason(ev.target.value)} autoFocus required />
                          </label>
                          <button type="submit">Dismiss finding</button>
                        </form>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
