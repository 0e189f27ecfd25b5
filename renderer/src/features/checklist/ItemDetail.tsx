// One checklist item: the order's words, citations, guidance, the lint's findings (chokehold
// item), the evidence (each jumps to its page) and the determination form.
import { useEffect, useState } from 'react';
import { DETERMINATION_LABEL, type AnnotationRecord, type ChecklistEntry, type DeterminationStatus } from '../../../../shared/schemas/checklist.ts';
import { LintFindings, type LintActions } from './LintFindings.tsx';
import { STANCE_LABEL } from './stance.ts';
import { IconBack, IconTrash, IconWarning, StanceIcon } from '../../ui/icons.tsx';
import { OcrChip, ScannerTextChip } from '../../ui/OcrChip.tsx';
import { quotePreview } from '../../../../shared/domain/quote-text.ts';

export interface ItemActions extends LintActions {
  determine(input: { itemId: string; status: DeterminationStatus; rationale: string; noRuleFound: boolean; evidenceIds: string[] }, previous: ChecklistEntry['determination']): Promise<void>;
  openEvidence(a: AnnotationRecord): void;
  deleteHighlight(a: AnnotationRecord): Promise<void>;
}

const draftKey = (caseId: string, itemId: string) => `credence.draft.${caseId}.${itemId}`;

export function ItemDetail({ entry, onBack, actions, caseId, readOnly }: { entry: ChecklistEntry; onBack: () => void; actions: ItemActions; caseId: string; readOnly: boolean }) {
  const { item, determination: det, evidence } = entry;
  // A draft survives closing the item or the window: nothing typed is lost.
  const saved = (() => {
    try {
      return JSON.parse(localStorage.getItem(draftKey(caseId, item.id)) ?? 'null') as { status: DeterminationStatus | ''; rationale: string; noRuleFound: boolean } | null;
    } catch {
      return null;
    }
  })();
  const [status, setStatus] = useState<DeterminationStatus | ''>(saved?.status ?? det?.status ?? '');
  const [rationale, setRationale] = useState(saved?.rationale ?? det?.rationale ?? '');
  const [noRule, setNoRule] = useState(saved?.noRuleFound ?? det?.noRuleFound ?? false);
  const [chosen, setChosen] = useState<string[]>(det?.evidenceIds.filter((id) => evidence.some((e) => e.id === id)) ?? evidence.map((e) => e.id));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dirty = status !== (det?.status ?? '') || rationale !== (det?.rationale ?? '') || noRule !== (det?.noRuleFound ?? false);
    if (dirty) localStorage.setItem(draftKey(caseId, item.id), JSON.stringify({ status, rationale, noRuleFound: noRule }));
    else localStorage.removeItem(draftKey(caseId, item.id));
  }, [status, rationale, noRule, det, caseId, item.id]);

  // New evidence linked while the item is open is chosen by default.
  useEffect(() => {
    setChosen((c) => [...new Set([...c.filter((id) => evidence.some((e) => e.id === id)), ...evidence.filter((e) => !det?.evidenceIds.includes(e.id) && !c.includes(e.id)).map((e) => e.id)])]);
  }, [evidence, det]);

  async function save() {
    if (!status) return setError('Choose a determination.');
    setBusy(true);
    setError(null);
    try {
      await actions.determine({ itemId: item.id, status, rationale, noRuleFound: status === 'not_met' && noRule, evidenceIds: chosen }, det);
      localStorage.removeItem(draftKey(caseId, item.id));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="item-detail">
      <button className="link" onClick={onBack}>
        <IconBack /> All items
      </button>
      <h2 className="item-heading">{item.title}</h2>
      <p>
        <span className={`chip kind-${item.kind}`}>{item.kind === 'mandatory' ? 'Mandatory condition' : item.group}</span>
        {entry.flags.stale && <span className="chip warn"><IconWarning /> stale: its evidence changed; review and save again</span>}
      </p>
      {item.orderText && (
        <blockquote className="order-text" aria-label={item.lint === 'chokehold' ? 'The order’s definition' : 'The order’s words'}>
          <p className="callout-title">{item.lint === 'chokehold' ? 'The order’s definition' : 'The order’s words'}</p>
          <p>“{item.orderText}”</p>
        </blockquote>
      )}
      <p className="citations">
        {item.citations.map((c) => (
          <span key={c.source + c.section} className="citation">
            {c.source}, {c.section}
          </span>
        ))}
      </p>
      <details open={item.kind === 'mandatory'}>
        <summary>Guidance</summary>
        <p>{item.guidance}</p>
      </details>
      {item.lint === 'chokehold' && <LintFindings caseId={caseId} actions={actions} readOnly={readOnly} />}

      <h3>Evidence ({evidence.length})</h3>
      {evidence.length === 0 ? (
        <p className="subtle">No passages yet. Select text in the viewer and link it to this item.</p>
      ) : (
        <ul className="evidence-list">
          {evidence.map((a) => (
            <li key={a.id} className={`evidence stance-${a.stance}`}>
              <label className="evidence-pick">
                <input type="checkbox" checked={chosen.includes(a.id)} disabled={readOnly} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, a.id] : c.filter((x) => x !== a.id)))} />
                <span className="visually-hidden">Use as evidence for this determination</span>
              </label>
              <div>
                <span className="stance-tag">
                  <StanceIcon stance={a.stance} /> {STANCE_LABEL[a.stance]}
                  {a.status === 'orphaned' && <span className="chip warn">orphaned</span>}
                </span>
                <button className="link quote" onClick={() => actions.openEvidence(a)}>
                  “{quotePreview(a.quote, 220)}”
                </button>
                <span className="subtle">
                  {a.documentTitle}, p. {a.pageFrom}
                  {a.pageTo !== a.pageFrom ? `–${a.pageTo}` : ''}
                </span>
                {a.ocr && <OcrChip />}
                {a.scannerText && <ScannerTextChip />}
                {a.note && <p className="note">{a.note}</p>}
              </div>
              {!readOnly && (
                <button className="icon" aria-label={`Delete highlight “${quotePreview(a.quote, 40)}”`} onClick={() => void actions.deleteHighlight(a)}>
                  <IconTrash />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>Determination</h3>
      {det && (
        <p className="subtle">
          Recorded {DETERMINATION_LABEL[det.status]} by {det.decidedBy}, {new Date(det.decidedAt).toLocaleString()}
        </p>
      )}
      <fieldset className="determination" disabled={readOnly}>
        <legend className="visually-hidden">Determination</legend>
        <div className="statuses" role="radiogroup" aria-label="Determination">
          {item.allowedDeterminations.map((s) => (
            <label key={s} className={`status-option${status === s ? ' chosen' : ''}`}>
              <input type="radio" name={`status-${item.id}`} value={s} checked={status === s} onChange={() => setStatus(s)} /> {DETERMINATION_LABEL[s]}
            </label>
          ))}
        </div>
        {status === 'not_met' && (
          <label className="no-rule">
            <input type="checkbox" checked={noRule} onChange={(e) => setNoRule(e.target.checked)} /> The policies contain no such rule
          </label>
        )}
        <label htmlFor={`rationale-${item.id}`} className="field-label">
          Rationale
        </label>
        <textarea id={`rationale-${item.id}`} value={rationale} onChange={(e) => setRationale(e.target.value)} rows={5} placeholder="Why this determination, in words the agency will read." />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="primary" onClick={() => void save()} disabled={busy}>
          Save determination
        </button>
      </fieldset>
    </div>
  );
}
