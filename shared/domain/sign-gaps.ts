// What a lead would sign over: the gaps in a case's findings, each named so it can be
// acknowledged one by one. The same summary feeds the sign dialog, the CLI and review.sign's check.
import type { CaseChecklist } from '../schemas/checklist.ts';
import type { CaseRubric } from '../schemas/rubric.ts';
import type { SignGap, SignSummary } from '../schemas/sign-summary.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A document's scanned pages still without text when the lead signs: OCR waiting or reading, failed, or stopped (1-based). */
export interface UnreadScan {
  title: string;
  waiting: number[];
  failed: number[];
  stopped: number[];
}

const pageList = (pages: number[]) => `${pages.length === 1 ? 'page' : 'pages'} ${pages.length > 12 ? `${pages.slice(0, 12).join(', ')}…` : pages.join(', ')}`;

export function signGaps(checklist: CaseChecklist, rubrics: CaseRubric[], unread: UnreadScan[] = []): SignGap[] {
  const gaps: SignGap[] = [];
  const undecided = checklist.entries.filter((e) => !e.determination);
  if (undecided.length) {
    const n = plural(undecided.length, 'checklist item', 'checklist items');
    gaps.push({ kind: 'undecided-items', count: undecided.length, title: `${n} ${undecided.length === 1 ? 'is' : 'are'} undecided`, statement: `I sign with ${plural(undecided.length, 'item', 'items')} undecided`, entries: undecided.map((e) => e.item.title) });
  }
  const unscored = rubrics.flatMap((r) => {
    const scored = new Set(r.scores.map((s) => s.criterionId));
    return r.rubric.criteria.filter((c) => !scored.has(c.id)).map((c) => ({ rubric: r, criterion: c }));
  });
  if (unscored.length) {
    const lines = rubrics
      .filter((r) => r.totals.assessed !== 'complete')
      .map((r) => {
        const scored = new Set(r.scores.map((s) => s.criterionId));
        const missing = r.rubric.criteria.filter((c) => !scored.has(c.id)).map((c) => c.title);
        return `${r.rubric.title}: ${r.totals.assessed === 'none' ? 'not assessed' : `${r.totals.scored} of ${r.totals.criteria} criteria scored`} — unscored: ${missing.join('; ')}`;
      });
    gaps.push({ kind: 'unscored-criteria', count: unscored.length, title: `${plural(unscored.length, 'rubric criterion is', 'rubric criteria are')} unscored`, statement: `I sign with ${plural(unscored.length, 'rubric criterion', 'rubric criteria')} unscored (shown as not assessed)`, entries: lines });
  }
  const stale = checklist.entries.filter((e) => {
    if (!e.determination) return false;
    const orphaned = e.evidence.some((a) => e.determination!.evidenceIds.includes(a.id) && a.status === 'orphaned');
    return e.determination.stale || orphaned;
  });
  if (stale.length) {
    gaps.push({
      kind: 'stale-evidence',
      count: stale.length,
      title: `${plural(stale.length, 'determination rests', 'determinations rest')} on evidence that changed in a revised document`,
      statement: `I sign with ${plural(stale.length, 'determination', 'determinations')} resting on changed or missing evidence`,
      entries: stale.map((e) => `${e.item.title}: ${e.evidence.some((a) => a.status === 'document-removed' && e.determination!.evidenceIds.includes(a.id)) ? 'a linked passage is in a document removed from the case' : e.determination!.stale ? 'its evidence was edited or could not be found in the revised document' : 'a linked passage could not be found in the revised document'}`),
    });
  }
  // "Met" while the item's own evidence contradicts it: the one combination a reader would question.
  const contradicted = checklist.entries.filter((e) => e.determination?.status === 'met' && e.evidence.some((a) => a.stance === 'contradicts'));
  if (contradicted.length) {
    gaps.push({
      kind: 'contradicted-determinations',
      count: contradicted.length,
      title: `${plural(contradicted.length, 'item is', 'items are')} Met although evidence contradicts ${contradicted.length === 1 ? 'it' : 'them'}`,
      statement: `I sign with ${plural(contradicted.length, 'Met determination', 'Met determinations')} that contradicting evidence disputes`,
      entries: contradicted.map((e) => `${e.item.title}: ${plural(e.evidence.filter((a) => a.stance === 'contradicts').length, 'passage contradicts', 'passages contradict')} it`),
    });
  }
  // Evidence whose words are a scanner's own OCR, carried in the file and not read by Credence: the
  // quote may be misread, and the rule it shows may read otherwise on the page itself.
  const onScanner = checklist.entries.flatMap((e) => {
    const cited = e.determination ? e.evidence.filter((a) => e.determination!.evidenceIds.includes(a.id) && a.scannerText) : [];
    return cited.length ? [{ entry: e, cited }] : [];
  });
  if (onScanner.length) {
    gaps.push({
      kind: 'scanner-text-evidence',
      count: onScanner.length,
      title: `${plural(onScanner.length, 'determination rests', 'determinations rest')} on a scanner's own OCR text, which may misread words: check ${onScanner.length === 1 ? 'it' : 'them'} against the page images, or have the pages read by OCR`,
      statement: `I sign with ${plural(onScanner.length, 'determination', 'determinations')} resting on a scanner's OCR text`,
      entries: onScanner.map(({ entry, cited }) => `${entry.item.title}: ${cited.map((a) => `${a.documentTitle}, p. ${a.pageFrom === a.pageTo ? a.pageFrom : `${a.pageFrom}–${a.pageTo}`}`).join('; ')}`),
    });
  }
  // Scanned pages with no text yet: nothing on them was searched or pre-reviewed, so a finding of
  // "not addressed" may rest on a page nobody could read.
  const pages = unread.reduce((n, d) => n + d.waiting.length + d.failed.length + d.stopped.length, 0);
  if (pages) {
    gaps.push({
      kind: 'unread-pages',
      count: pages,
      title: `${plural(pages, 'scanned page has', 'scanned pages have')} no text yet: OCR has not read ${pages === 1 ? 'it' : 'them'}, so ${pages === 1 ? 'it was' : 'they were'} neither searched nor pre-reviewed`,
      statement: `I sign with ${plural(pages, 'scanned page', 'scanned pages')} unread`,
      entries: unread.map((d) =>
        `${d.title}: ${[
          d.waiting.length ? `${pageList(d.waiting)} waiting for OCR` : '',
          d.failed.length ? `${pageList(d.failed)} OCR could not read` : '',
          d.stopped.length ? `${pageList(d.stopped)} OCR stopped` : '',
        ].filter(Boolean).join('; ')}`,
      ),
    });
  }
  return gaps;
}

export function signSummaryOf(caseId: string, status: string, checklist: CaseChecklist, rubrics: CaseRubric[], unread: UnreadScan[] = []): SignSummary {
  return {
    caseId,
    status,
    decided: checklist.progress.decided,
    total: checklist.progress.total,
    rubrics: rubrics.map((r) => ({ id: r.rubric.id, title: r.rubric.title, assessed: r.totals.assessed, criteriaScored: r.totals.scored, criteriaTotal: r.totals.criteria, scoredBy: r.scores.length ? r.scorer : null })),
    gaps: signGaps(checklist, rubrics, unread),
  };
}
