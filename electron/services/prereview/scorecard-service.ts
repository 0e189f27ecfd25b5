// The 8 Can't Wait scorecard of a case: every document's pre-review (stored, or read by the
// worker now), folded by aggregateCase, then answered per indicator. A document that could not be
// pre-reviewed counts as unread: it is named wherever it could change an answer.
import { aggregateCase } from '../../../shared/domain/prereview/case.ts';
import { scorecardForCase, type ScorecardRow } from '../../../shared/domain/prereview/scorecard.ts';
import type { Prereview } from './prereview-service.ts';

export function createScorecard(prereview: Pick<Prereview, 'prereviewCase'>) {
  return {
    async forCase(caseId: string): Promise<ScorecardRow[]> {
      const all = await prereview.prereviewCase(caseId);
      const docs = all.flatMap((d) => ('result' in d && d.result ? [{ documentId: d.documentId, title: d.title, result: d.result }] : []));
      const failed = all.flatMap((d) => ('result' in d && d.result ? [] : [d.title]));
      return scorecardForCase(aggregateCase(docs), docs, failed);
    },
  };
}
export type ScorecardService = ReturnType<typeof createScorecard>;
