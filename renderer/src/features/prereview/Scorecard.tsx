// The case's 8 Can't Wait scorecard: eight answers derived from the pre-review's stances, each
// in words and colour (never colour alone), with the pages that decide it as buttons that open
// the viewer there. Collapsed by default and read only when opened: reading a 700-page manual
// for it should not slow the checklist down.
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract.ts';
import { call, messageOf } from '../../api/client.ts';
import { IconCheck, IconCross, IconMinus } from '../../ui/icons.tsx';

type Row = Output<'prereview.scorecard'>[number];
const OPEN_KEY = 'credence.scorecardOpen';
const WORDS: Record<Row['answer'], string> = { yes: 'Yes', partial: 'Partial', no: 'No' };
const ICON: Record<Row['answer'], typeof IconCheck> = { yes: IconCheck, partial: IconMinus, no: IconCross };

/** The deciding pages, grouped by document, in reading order. */
function byDocument(pages: Row['pages']) {
  const out = new Map<string, { title: string; pages: Row['pages'] }>();
  for (const p of pages) {
    const d = out.get(p.documentId) ?? { title: p.title, pages: [] };
    d.pages.push(p);
    out.set(p.documentId, d);
  }
  return [...out.entries()];
}

export function Scorecard({ caseId, refreshKey, onOpenPage }: { caseId: string; refreshKey: unknown; onOpenPage: (documentId: string, page: number) => void }) {
  const [open, setOpen] = useState(() => localStorage.getItem(OPEN_KEY) === '1');
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    call('prereview.scorecard', { caseId })
      .then((r) => live && (setRows(r), setError(null)))
      .catch((e) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [caseId, open, refreshKey]);

  const count = (a: Row['answer']) => rows?.filter((r) => r.answer === a).length ?? 0;
  return (
    <details
      className="scorecard"
      open={open}
      onToggle={(e) => {
        const now = (e.currentTarget as HTMLDetailsElement).open;
        setOpen(now);
        localStorage.setItem(OPEN_KEY, now ? '1' : '0');
      }}
    >
      <summary>
        8 Can’t Wait{rows && <span className="subtle"> · {count('yes')} yes · {count('partial')} partial · {count('no')} no</span>}
      </summary>
      <p className="subtle">Read from the policies by the pre-review: a suggestion, not a determination. Only a firm, general rule counts as yes.</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {open && !rows && !error && <p className="subtle">Reading the policies…</p>}
      {rows && (
        <ul className="scorecard-rows" aria-label="8 Can’t Wait scorecard">
          {rows.map((r) => {
            const Icon = ICON[r.answer];
            return (
              <li key={r.indicator} className="scorecard-row" data-indicator={r.indicator}>
                <div className="scorecard-head">
                  <span className="scorecard-label">{r.label}</span>
                  <span className={`answer answer-${r.answer}`}>
                    <Icon /> {WORDS[r.answer]}
                  </span>
                </div>
                <p className="scorecard-basis subtle">
                  {r.basis.map((b) => `${b.ruleId}: ${b.stance === 'no_text_needs_ocr' ? 'no text: needs OCR' : b.stance.replace(/_/g, ' ')}`).join(' · ')}
                </p>
                {r.describedOnly && <p className="chip warn">Described, not directed (an FAQ)</p>}
                {r.unread.length > 0 && <p className="chip warn">Needs OCR: {r.unread.join(', ')} — may change</p>}
                {byDocument(r.pages).map(([documentId, d]) => (
                  <p key={documentId} className="scorecard-pages">
                    <span className="subtle scorecard-doc" title={d.title}>
                      {d.title}
                    </span>
                    {d.pages.map((p) => (
                      <button key={p.page} className="link-button" aria-label={`Open ${d.title} at page ${p.page} (${r.label})`} onClick={() => onOpenPage(documentId, p.page)}>
                        p. {p.page}
                      </button>
                    ))}
                  </p>
                ))}
              </li>
            );
          })}
        </ul>
      )}
    </details>
  );
}
