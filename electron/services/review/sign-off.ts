// What the lead signs over: the rubrics the packet reports and the gaps the lead must confirm,
// one kind at a time, before review.sign signs. The dialog, the CLI and the check share it.
import { signSummaryOf, type UnreadScan } from '../../../shared/domain/sign-gaps.ts';
import { ServiceError } from '../../../shared/result.ts';
import { CONSENSUS, type CaseRubric } from '../../../shared/schemas/rubric.ts';
import type { AcknowledgedGap, GapKind, SignSummary } from '../../../shared/schemas/sign-summary.ts';
import type { CasesService } from '../cases/cases-service.ts';
import type { ChecklistService } from '../checklists/checklist-service.ts';
import type { ServiceContext } from '../context.ts';
import { ocrUnreadPages } from '../ocr/ocr-read-pages.ts';
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
  // The case's scanned pages OCR has not given text to (waiting, failed or stopped), by document.
  const caseDocuments = ctx.db.prepare<[string], { id: string; title: string }>(
    'SELECT d.id, d.title FROM case_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.case_id = ? ORDER BY d.title, d.id',
  );
  const unreadOf = ocrUnreadPages(ctx.db);
  const unreadScans = (caseId: string): UnreadScan[] =>
    caseDocuments.all(caseId).flatMap(({ id, title }) => {
      const { waiting, failed, stopped } = unreadOf(id);
      return waiting.length || failed.length || stopped.length ? [{ title, waiting, failed, stopped }] : [];
    });
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
