// The passages a cell rests on, each with its page, the words and why it counts; Enter (or a
// click) opens it in the viewer, A accepts it as evidence, D dismisses it with a reason. The
// mentions that set no rule wait, collapsed, beneath.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { IconCheck } from '../../ui/icons.tsx';
import { messageOf } from '../../api/client.ts';
import { DismissDialog } from './DismissDialog.tsx';
import { decisionWords, pagesLabel, RULE_LABEL, type Passage, type PrereviewDocument } from './model.ts';
import type { PrereviewActions } from './actions.ts';
import type { RuleId } from '../../../../shared/domain/prereview/types.ts';
import { OcrChip, ScannerTextChip } from '../../ui/OcrChip.tsx';

interface Props {
  document: PrereviewDocument;
  ruleId: RuleId;
  itemTitle: string;
  passages: Passage[];
  mentions: Array<{ page: number; quote: string; why: string }>;
  readOnly: boolean;
  actions: PrereviewActions;
  /** When it changes (a cell chosen by keyboard), the first undecided passage (else the first) takes the focus. */
  focusToken?: number;
}

export function Passages({ document: doc, ruleId, itemTitle, passages, mentions, readOnly, actions, focusToken }: Props) {
  const [dismissing, setDismissing] = useState<Passage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!focusToken) return;
    const quotes = [...(list.current?.querySelectorAll<HTMLElement>('li.passage') ?? [])];
    const target = quotes.find((li) => !/\bdecided-/.test(li.className)) ?? quotes[0];
    target?.querySelector<HTMLElement>('button.quote')?.focus();
  }, [focusToken]);

  const open = (p: Passage) =>
    actions.openPassage({ documentId: doc.documentId, documentTitle: doc.title, ruleId, ruleLabel: RULE_LABEL[ruleId], page: p.page, endPage: p.endPage, quote: p.quote, annotationId: p.annotationId, decision: p.decision, decisionReason: p.decisionReason });
  const accept = async (p: Passage) => {
    try {
      setError(null);
      await actions.decide({ documentId: doc.documentId, rule: ruleId, page: p.page, quote: p.quote, decision: 'accepted', reason: '' });
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const onKey = (p: Passage) => (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || readOnly || p.decision !== null) return;
    const key = e.key.toLowerCase();
    if (key === 'a') void accept(p);
    else if (key === 'd') setDismissing(p);
    else return;
    e.preventDefault();
  };

  return (
    <div className="passages">
      <h4>
        Passages in {doc.title} ({passages.length})
      </h4>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {passages.length === 0 ? (
        <p className="subtle">No passage sets a rule for this item.</p>
      ) : (
        <>
          <p id="passage-keys" className="subtle keys-hint">
            Enter opens a passage in the viewer; A accepts it as evidence, D dismisses it.
          </p>
          <ul ref={list} className="passage-list" aria-label="Passages">
            {passages.map((p) => {
              const decided = decisionWords(p);
              return (
                <li key={`${p.page}|${p.quote}`} className={`passage${p.decision ? ` decided-${p.decision}` : ''}`} onKeyDown={onKey(p)}>
                  <button className="link quote" onClick={() => open(p)} aria-describedby="passage-keys">
                    <span className="passage-page">{pagesLabel(p.page, p.endPage)}</span> <mark>“{p.quote}”</mark>
                  </button>
                  <p className="why">
                    {p.ocr && <OcrChip />}
                    {p.scannerText && <ScannerTextChip />}{' '}
                    {p.reason}
                  </p>
                  <div className="finding-actions">
                    {decided && (
                      <span className={`chip decision-${p.decision}`}>
                        {p.decision === 'accepted' && <IconCheck />} {decided}
                        {p.decision === 'accepted' && <span className="subtle"> on “{itemTitle}”</span>}
                      </span>
                    )}
                    {!readOnly && p.decision === null && (
                      <>
                        <button onClick={() => void accept(p)} title="Accept as evidence (A)">
                          Accept
                        </button>
                        <button onClick={() => setDismissing(p)} title="Dismiss, saying why (D)">
                          Dismiss
                        </button>
                      </>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {mentions.length > 0 && (
        <details className="mentions">
          <summary>Mentions that set no rule ({mentions.length})</summary>
          <ul>
            {mentions.map((m) => (
              <li key={`${m.page}|${m.quote}`}>
                <span className="passage-page">p. {m.page}</span> “{m.quote}” <span className="subtle">— {m.why}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {dismissing && (
        <DismissDialog
          page={dismissing.page}
          endPage={dismissing.endPage}
          quote={dismissing.quote}
          onClose={() => setDismissing(null)}
          onDismiss={async (reason) => {
            await actions.decide({ documentId: doc.documentId, rule: ruleId, page: dismissing.page, quote: dismissing.quote, decision: 'dismissed', reason });
          }}
        />
      )}
    </div>
  );
}
