// Rubric scoring, one rubric at a time (a picker, then its criteria as a list to jump through):
// totals and the chart on top (the same SVG the packet carries), then each criterion. Scores belong to the acting identity; another scorer's stay hidden until
// the lead compares them.
import { useCallback, useEffect, useState } from 'react';
import type { AnnotationRecord } from '../../../../shared/schemas/checklist.ts';
import type { DocumentRecord } from '../../../../shared/schemas/document.ts';
import type { Agreement, CaseRubric } from '../../../../shared/schemas/rubric.ts';
import { call, messageOf } from '../../api/client.ts';
import { CriterionForm } from './CriterionForm.tsx';

const RUBRIC_KEY = 'credence.rubric';

export function RubricsPanel({ caseId, highlights, documents, readOnly, defaultScorer }: { caseId: string; highlights: AnnotationRecord[]; documents: DocumentRecord[]; readOnly: boolean; defaultScorer: string }) {
  const [chosen, setChosen] = useState(() => localStorage.getItem(RUBRIC_KEY) ?? '');
  // A score is its maker's: the panel shows and saves the acting identity's own scores only
  // (another scorer's stay hidden until the lead compares them).
  const scorer = defaultScorer;
  const [rubrics, setRubrics] = useState<CaseRubric[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [agreement, setAgreement] = useState<Record<string, Agreement>>({});

  // No scorer is named: the workspace shows the acting identity's own (naming anyone else is refused).
  const load = useCallback(() => {
    call('rubrics.forCase', { caseId })
      .then((r) => (setRubrics(r), setError(null)))
      .catch((e) => setError(messageOf(e)));
  }, [caseId, scorer]);
  // A highlight linked to a criterion from the viewer shows here at once.
  useEffect(load, [load, highlights]);

  const compare = async (rubricId: string) => {
    try {
      const a = await call('rubrics.agreement', { caseId, rubricId });
      setAgreement((x) => ({ ...x, [rubricId]: a }));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <div className="rubrics">
      <p className="scorer">
        Scoring as <strong>{scorer}</strong>
        <small className="subtle">Each scorer sees only their own scores. To score as someone else, choose them under “Acting as”.</small>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!rubrics && !error && <p className="subtle">Loading rubrics…</p>}
      {rubrics && rubrics.length > 1 && (
        <div className="rubric-picker">
          <label htmlFor="rubric-picker">Rubric</label>
          <select
            id="rubric-picker"
            value={rubrics.some((r) => r.rubric.id === chosen) ? chosen : rubrics[0]!.rubric.id}
            onChange={(e) => {
              setChosen(e.target.value);
              localStorage.setItem(RUBRIC_KEY, e.target.value);
            }}
          >
            {rubrics.map((r) => (
              <option key={r.rubric.id} value={r.rubric.id}>
                {r.rubric.title} ({r.totals.scored} of {r.totals.criteria} scored)
              </option>
            ))}
          </select>
        </div>
      )}
      {rubrics?.filter((r, i) => (rubrics.some((x) => x.rubric.id === chosen) ? r.rubric.id === chosen : i === 0)).map((r) => {
        const linked = highlights.filter((h) => r.rubric.checklistItemId && h.itemIds.includes(r.rubric.checklistItemId));
        const ordered = [...linked, ...highlights.filter((h) => !linked.includes(h))];
        const ag = agreement[r.rubric.id];
        return (
          <section key={r.rubric.id} className="rubric" aria-label={r.rubric.title}>
            <h3>{r.rubric.title}</h3>
            <p className="rubric-total">
              {r.totals.assessed === 'complete' ? (
                <>
                  <strong data-testid={`total-${r.rubric.id}`}>{r.totals.percent}%</strong> — {r.totals.band} · all {r.totals.criteria} criteria scored by {r.scorer}
                </>
              ) : r.totals.assessed === 'none' ? (
                <>
                  <strong data-testid={`total-${r.rubric.id}`}>Not assessed</strong> · no criterion scored by {r.scorer} yet
                </>
              ) : (
                <>
                  <strong data-testid={`total-${r.rubric.id}`}>
                    {r.totals.scored} of {r.totals.criteria} criteria scored
                  </strong>{' '}
                  by {r.scorer} · no total or band until every criterion is scored
                </>
              )}
            </p>
            {/* Our own SVG, generated with escaped text in shared/domain/rubric-scoring.ts. */}
            <div className="chart" dangerouslySetInnerHTML={{ __html: r.chartSvg }} />
            <nav aria-label={`Criteria of ${r.rubric.title}`}>
              <ol className="criterion-list">
                {r.rubric.criteria.map((c) => {
                  const s = r.scores.find((x) => x.criterionId === c.id);
                  return (
                    <li key={c.id}>
                      <a href={`#crit-${c.id}`} onClick={(e) => (e.preventDefault(), window.document.getElementById(`crit-${c.id}`)?.scrollIntoView({ block: 'start' }), window.document.getElementById(`crit-${c.id}`)?.focus())}>
                        {c.title}
                      </a>{' '}
                      <span className="subtle">{s ? `level ${s.level}` : r.evidence[c.id]?.length ? 'evidence, not yet scored' : 'unscored'}</span>
                    </li>
                  );
                })}
              </ol>
            </nav>
            {r.rubric.criteria.map((c) => (
              <CriterionForm
                key={`${c.id}-${scorer}-${(r.evidence[c.id] ?? []).join(',')}`}
                criterion={c}
                score={r.scores.find((s) => s.criterionId === c.id)}
                linked={r.evidence[c.id] ?? []}
                highlights={ordered}
                documents={documents}
                readOnly={readOnly}
                onSave={async (v) => {
                  await call('rubrics.score', { caseId, rubricId: r.rubric.id, criterionId: c.id, ...v });
                  load();
                }}
              />
            ))}
            <div className="agreement">
              <button onClick={() => void compare(r.rubric.id)}>Compare scorers</button>
              {ag && (
                <div role="region" aria-label={`Agreement on ${r.rubric.title}`}>
                  {ag.scorers.length < 2 ? (
                    <p className="subtle">Only {ag.scorers.length === 0 ? 'no one has' : `${ag.scorers[0]} has`} scored this rubric; agreement needs two scorers.</p>
                  ) : (
                    <>
                      <p>
                        {ag.scorers[0]} and {ag.scorers[1]}: quadratic-weighted κ = <strong>{ag.kappa === null ? 'undefined' : ag.kappa.toFixed(2)}</strong> over {ag.compared} criteria both scored.
                      </p>
                      {ag.differences.length === 0 ? (
                        <p>They agree on every criterion.</p>
                      ) : (
                        <ul>
                          {ag.differences.map((d) => (
                            <li key={d.criterionId}>
                              {d.title}: {Object.entries(d.levels).map(([s, l]) => `${s} ${l}`).join(', ')}
                              {ag.consensus.find((c) => c.criterionId === d.criterionId) ? (
                                <span className="chip">consensus {ag.consensus.find((c) => c.criterionId === d.criterionId)!.level}</span>
                              ) : (
                                <ConsensusForm
                                  label={d.title}
                                  onSave={async (level, rationale) => {
                                    await call('rubrics.consensus', { caseId, rubricId: r.rubric.id, criterionId: d.criterionId, level, rationale, evidenceIds: ordered.map((h) => h.id).slice(0, 1) });
                                    await compare(r.rubric.id);
                                  }}
                                />
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                    </>
                  )}
                </div>
              )}
            </div>
          </section>
        );
      })}
    </div>
  );
}

function ConsensusForm({ label, onSave }: { label: string; onSave: (level: number, rationale: string) => Promise<void> }) {
  const [level, setLevel] = useState('');
  const [why, setWhy] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="consensus"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await onSave(Number(level), why);
        } catch (err) {
          setError(messageOf(err));
        }
      }}
    >
      <label>
        Consensus level for {label}
        <select value={level} onChange={(e) => setLevel(e.target.value)} required>
          <option value="">Choose…</option>
          {[0, 1, 2, 3].map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        Why <input value={why} onChange={(e) => setWhy(e.target.value)} required />
      </label>
      <button type="submit">Record consensus</button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
