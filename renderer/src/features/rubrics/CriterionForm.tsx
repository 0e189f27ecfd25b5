// One criterion: its 0–3 control with every level's descriptor visible while choosing, the
// evidence it rests on, and the rationale.
import { useState } from 'react';
import type { AnnotationRecord } from '../../../../shared/schemas/checklist.ts';
import type { DocumentRecord } from '../../../../shared/schemas/document.ts';
import type { RubricCriterion, ScoreRecord } from '../../../../shared/schemas/rubric.ts';
import { StanceIcon } from '../../ui/icons.tsx';
import { quotePreview } from '../../../../shared/domain/quote-text.ts';

interface Props {
  criterion: RubricCriterion;
  score: ScoreRecord | undefined;
  /** Highlights linked to this criterion as evidence (from the viewer), scored or not. */
  linked: string[];
  highlights: AnnotationRecord[];
  documents: DocumentRecord[];
  readOnly: boolean;
  onSave: (v: { level: number; rationale: string; evidenceIds: string[] }) => Promise<void>;
}

export function CriterionForm({ criterion: c, score, linked, highlights, documents, readOnly, onSave }: Props) {
  const [level, setLevel] = useState<number | null>(score?.level ?? null);
  const [rationale, setRationale] = useState(score?.rationale ?? '');
  // Unscored, the passages linked to the criterion are ticked, ready to rest the score on.
  const [evidence, setEvidence] = useState<string[]>(score?.evidenceIds ?? linked);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function save() {
    if (level === null) return setError('Choose a level.');
    setError(null);
    try {
      await onSave({ level, rationale, evidenceIds: evidence });
      setSaved(true);
    } catch (e) {
      setSaved(false);
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section className="criterion" aria-labelledby={`crit-${c.id}`}>
      <h4 id={`crit-${c.id}`} tabIndex={-1}>
        {c.title} <span className="subtle">weight {c.weight}</span>
        {score ? (
          <span className="chip">level {score.level}</span>
        ) : linked.length ? (
          <span className="chip evidence-unscored">
            {linked.length} {linked.length === 1 ? 'passage' : 'passages'} of evidence, not yet scored
          </span>
        ) : (
          <span className="chip subtle">not assessed</span>
        )}
      </h4>
      <p className="subtle">{c.description}</p>
      <fieldset className="levels" disabled={readOnly}>
        <legend className="visually-hidden">Level for {c.title}</legend>
        {c.levels.map((l) => (
          <label key={l.level} className={`level${level === l.level ? ' chosen' : ''}`}>
            <input type="radio" name={`level-${c.id}`} checked={level === l.level} onChange={() => setLevel(l.level)} />
            <strong>{l.level}</strong> {l.descriptor}
          </label>
        ))}
      </fieldset>
      <details open={evidence.length > 0 || (level ?? 0) > 0}>
        <summary>
          Evidence ({evidence.length} of {highlights.length} highlights)
        </summary>
        {highlights.length === 0 && <p className="subtle">No highlights in this case yet. Select text in the viewer to make one.</p>}
        {/* Grouped by document, in page order, each with its page: a reviewer finds the passage they mean. */}
        {[...new Set(highlights.map((h) => h.documentId))].map((docId) => {
          const title = documents.find((d) => d.id === docId)?.title ?? 'Removed document';
          return (
            <div key={docId} role="group" aria-label={title} className="pick-doc">
              <div className="pick-doc-title">{title}</div>
              <ul className="pick-list">
                {highlights
                  .filter((a) => a.documentId === docId)
                  .sort((x, y) => x.pageFrom - y.pageFrom)
                  .map((a) => (
                    <li key={a.id}>
                      <label>
                        <input type="checkbox" disabled={readOnly} checked={evidence.includes(a.id)} onChange={(e) => setEvidence((x) => (e.target.checked ? [...x, a.id] : x.filter((y) => y !== a.id)))} />{' '}
                        <span className="subtle">p. {a.pageFrom}</span> <StanceIcon stance={a.stance} /> “{quotePreview(a.quote, 90)}”
                      </label>
                    </li>
                  ))}
              </ul>
            </div>
          );
        })}
      </details>
      <label className="field-label" htmlFor={`why-${c.id}`}>
        Rationale
      </label>
      <textarea id={`why-${c.id}`} rows={2} value={rationale} disabled={readOnly} onChange={(e) => (setRationale(e.target.value), setSaved(false))} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!readOnly && (
        <button onClick={() => void save()} aria-label={`Save score for ${c.title}`}>
          Save score
        </button>
      )}
      {saved && <span className="subtle"> Saved.</span>}
    </section>
  );
}
