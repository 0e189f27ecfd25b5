// What the lead signs over: the rubrics the packet reports and the gaps the lead must confirm,
// one kind at a time, before review.sign signs. The dialog, the CLI and the check share it.
import { signSummaryOf, type UnreadScan } from '../../../shared/domain/sign-gaps.ts';
import { ServiceError } from '../../../shared/result.ts';
import { CONSENSUS, type CaseRubric } from '../../../shared/schemas/rubric.ts';
import type { AcknowledgedGap, GapKind, SignSummary } from '../../../shared/schemas/sign-summary.ts';
import type { CasesService } from '../cases/cases-service.ts';
import type { ChecklistService } from '../checklists/checklist-service.ts';
import type { ServiceContext } from '../context.ts';
import type { RubricsService } from '../rubrics/rubrics-service.ts';

/** The packet reports the consensus where the lead recorded one, else the reviewer who scored most. */
export function packetRubrics(ctx: ServiceContext, rubrics: RubricsService, caseId: string): CaseRubric[] {
  return rubrics.forCase(caseId, CONSENSUS).map((r) => {
    if (r.scores.length) return r;
    const scorer = ctx.db.prepare<[string, string, string], { scorer: string }>('SELECT scorer FROM scores WHERE case_id = ? AND rubric_id = ? AND scorer != ? GROUP BY scorer ORDER BY count(*) DESC, scorer LIMIT 1').get(caseId, r.rubric.id, CONSENSUS)?.scorer;
    return scorer ? rubrics.forCase(caseId, scorer).find((x) => x.rubric.id === r.rubric.id)! : r;
  });
}

export function createSignOff(ctx: ServiceContext, deps: { cases: CasesService; checklist: ChecklistService; rubrics: RubricsService }) {
  const { cases, checklist, rubrics } = deps;
  // The case's scanned pages OCR has not given text to (source 'none'), by document and why.
  const unreadRows = ctx.db.prepare<[string], { document_id: string; title: string; page_index: number; status: string }>(
    `SELECT o.document_id, d.title, o.page_index, o.status FROM case_documents cd JOIN documents d ON d.id = cd.document_id
       JOIN page_ocr o ON o.document_id = cd.document_id WHERE cd.case_id = ? AND o.source = 'none' ORDER BY d.title, o.document_id, o.page_index`,
  );
  const unreadScans = (caseId: string): UnreadScan[] => {
    const byDoc = new Map<string, UnreadScan>();
    for (const r of unreadRows.all(caseId)) {
      let d = byDoc.get(r.document_id);
      if (!d) byDoc.set(r.document_id, (d = { title: r.title, waiting: [], failed: [], stopped: [] }));
      (r.status === 'failed' ? d.failed : r.status === 'cancelled' ? d.stopped : d.waiting).push(r.page_index + 1);
    }
    return [...byDoc.values()];
  };
  return {
    summary(caseId: string): SignSummary {
      const c = cases.get(caseId);
      return signSummaryOf(caseId, c.status, checklist.forCase(caseId), packetRubrics(ctx, rubrics, caseId), unreadScans(caseId));
    },
    /**
     * The gaps present, each of which the lead must have acknowledged by name. Refuses, naming
     * every unacknowledged one, before anything is signed or changed.
     */
    acknowledged(caseId: string, acknowledge: readonly GapKind[]): AcknowledgedGap[] {
      const { gaps } = this.summary(caseId);
      const missing = gaps.filter((g) => !acknowledge.includes(g.kind));
      if (missing.length) {
        throw new ServiceError(
          'conflict',
          `Confirm each gap before signing — not yet acknowledged: ${missing.map((g) => `${g.title} (${g.kind})`).join('; ')}. Nothing was signed.`,
          { acknowledge: `Acknowledge: ${missing.map((g) => g.kind).join(', ')}` },
        );
      }
      return gaps.map((g) => ({ kind: g.kind, count: g.count, statement: g.statement }));
    },
  };
}
export type SignOff = ReturnType<typeof createSignOff>;
