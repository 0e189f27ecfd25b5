// The findings a packet carries, as one versioned JSON document (findings.json), from which
// the DOCX is also written, so the two always say the same thing.
import type { CaseRecord } from '../../../shared/schemas/case.ts';
import { DETERMINATION_LABEL, type CaseChecklist } from '../../../shared/schemas/checklist.ts';
import type { CaseRubric, RubricTotals } from '../../../shared/schemas/rubric.ts';
import type { AcknowledgedGap } from '../../../shared/schemas/sign-summary.ts';
import type { ScorecardRow } from '../../../shared/domain/prereview/scorecard.ts';
import { quoteText } from '../../../shared/domain/quote-text.ts';

export const FINDINGS_SCHEMA = 'credence.findings/1';

export interface Findings {
  schema: typeof FINDINGS_SCHEMA;
  case: { id: string; agencyName: string; ori: string; state: string; agencyType: string | null; jurisdiction: string | null; dueDate: string | null };
  checklistPack: { id: string; version: string; title: string };
  generatedAt: string;
  /** The people (identities, with their keys) who made determinations; never the OS user. */
  reviewers: string[];
  people: Array<{ person: string; fingerprint: string }>;
  lead: { name: string; email: string; fingerprint: string } | null;
  singlePersonReview: boolean;
  /** Single-person review turned on or off, and the two-person rule waived, as this case's audit trail records it. */
  singlePersonReviewLog: Array<{ at: string; actor: string; action: string }>;
  progress: CaseChecklist['progress'];
  items: Array<{
    id: string;
    title: string;
    kind: string;
    group: string;
    citations: string[];
    orderText: string | null;
    determination: string; // label, or "Undecided"
    status: string | null;
    rationale: string | null;
    noRuleFound: boolean;
    decidedBy: string | null;
    decidedAt: string | null;
    /** Everyone who set or cleared this determination, from the audit trail, with their key (null: no identity). */
    madeBy: Array<{ person: string; fingerprint: string | null }>;
    evidence: Array<{ document: string; pages: string; stance: string; quote: string; note: string; ocr: boolean; scannerText: boolean }>;
  }>;
  /**
   * `assessed` says how much of a rubric was scored: percent and band are given only when
   * 'complete'; `scoredBy` is null when nobody scored it.
   */
  rubrics: Array<{
    id: string;
    version: string;
    title: string;
    assessed: RubricTotals['assessed'];
    criteriaScored: number;
    criteriaTotal: number;
    scoredBy: string | null;
    percent: number | null;
    band: string | null;
    criteria: Array<{ id: string; title: string; weight: number; assessed: boolean; level: number | null; rationale: string | null }>;
    chartSvg: string;
  }>;
  /** The gaps the lead confirmed, one by one, before signing; empty when there were none. */
  acknowledgedGaps: AcknowledgedGap[];
  /**
   * The 8 Can't Wait indicators, derived by the pre-review from the policies' text (never the
   * reviewer's determination): each answer with the stances it rests on and the deciding pages.
   */
  scorecard: Array<{ indicator: string; label: string; answer: ScorecardRow['answer']; basis: ScorecardRow['basis']; pages: Array<{ document: string; page: number; rule: string }>; describedOnly: boolean; unread: string[]; note: string }>;
}

/** How the packet cites a passage: "205-P Use of Force, p. 4" or "…, pp. 4–5". */
export const citation = (document: string, pages: string): string => `${document}, ${pages.includes('–') ? 'pp.' : 'p.'} ${pages}`;

export function buildFindings(
  c: CaseRecord,
  checklist: CaseChecklist,
  rubrics: CaseRubric[],
  extra: { generatedAt: string; lead: Findings['lead']; singlePersonReview: boolean; people: Findings['people']; madeBy: Record<string, Findings['items'][number]['madeBy']>; singlePersonReviewLog: Findings['singlePersonReviewLog']; acknowledgedGaps?: AcknowledgedGap[]; scorecard?: ScorecardRow[] },
): Findings {
  const reviewers = extra.people.map((p) => p.person);
  return {
    schema: FINDINGS_SCHEMA,
    case: { id: c.id, agencyName: c.agencyName, ori: c.ori, state: c.state, agencyType: c.agencyType, jurisdiction: c.jurisdiction, dueDate: c.dueDate },
    checklistPack: { id: checklist.pack.id, version: checklist.pack.version, title: checklist.pack.title },
    generatedAt: extra.generatedAt,
    reviewers,
    people: extra.people,
    lead: extra.lead,
    singlePersonReview: extra.singlePersonReview,
    singlePersonReviewLog: extra.singlePersonReviewLog,
    progress: checklist.progress,
    items: checklist.entries.map((e) => {
      const chosen = e.determination ? e.evidence.filter((a) => e.determination!.evidenceIds.includes(a.id)) : [];
      return {
        id: e.item.id,
        title: e.item.title,
        kind: e.item.kind,
        group: e.item.group,
        citations: e.item.citations.map((x) => `${x.source}, ${x.section}`),
        orderText: e.item.orderText ?? null,
        determination: e.determination ? DETERMINATION_LABEL[e.determination.status] : 'Undecided',
        status: e.determination?.status ?? null,
        rationale: e.determination?.rationale ?? null,
        noRuleFound: e.determination?.noRuleFound ?? false,
        decidedBy: e.determination?.decidedBy ?? null,
        decidedAt: e.determination?.decidedAt ?? null,
        madeBy: extra.madeBy[e.item.id] ?? [],
        evidence: chosen.map((a) => ({ document: a.documentTitle, pages: a.pageFrom === a.pageTo ? `${a.pageFrom}` : `${a.pageFrom}–${a.pageTo}`, stance: a.stance, quote: quoteText(a.quote), note: a.note, ocr: a.ocr, scannerText: a.scannerText })),
      };
    }),
    rubrics: rubrics.map((r) => ({
      id: r.rubric.id,
      version: r.rubric.version,
      title: r.rubric.title,
      assessed: r.totals.assessed,
      criteriaScored: r.totals.scored,
      criteriaTotal: r.totals.criteria,
      scoredBy: r.scores.length ? r.scorer : null,
      percent: r.totals.percent,
      band: r.totals.band,
      criteria: r.rubric.criteria.map((cr) => {
        const s = r.scores.find((x) => x.criterionId === cr.id);
        return { id: cr.id, title: cr.title, weight: cr.weight, assessed: !!s, level: s?.level ?? null, rationale: s?.rationale ?? null };
      }),
      chartSvg: r.chartSvg,
    })),
    acknowledgedGaps: extra.acknowledgedGaps ?? [],
    // The packet names documents by title (as its evidence does), not by the workspace's ids.
    scorecard: (extra.scorecard ?? []).map((r) => ({
      indicator: r.indicator,
      label: r.label,
      answer: r.answer,
      basis: r.basis,
      pages: r.pages.map((p) => ({ document: p.title, page: p.page, rule: p.ruleId })),
      describedOnly: r.describedOnly,
      unread: r.unread,
      note: r.note,
    })),
  };
}
