// The chokehold lint over every document of a case, with the reviewer's decisions on each
// finding: accepting one makes it a highlight and evidence on the chokehold item; dismissing
// one records why. The lint suggests; the reviewer decides.
import type { ParsedInput } from '../../../shared/contract.ts';
import { lintView, type Category } from '../../../shared/domain/lint/classify.ts';
import { prereviewDocument } from '../../../shared/domain/prereview/engine.ts';
import type { DocumentPrereview } from '../../../shared/domain/prereview/types.ts';
import { ServiceError } from '../../../shared/result.ts';
import type { AnnotationsService } from '../annotations/annotations-service.ts';
import { loadTexts } from '../annotations/page-text.ts';
import type { CasesService } from '../cases/cases-service.ts';
import type { ChecklistService } from '../checklists/checklist-service.ts';
import type { ServiceContext } from '../context.ts';

export interface FindingView {
  page: number;
  quote: string;
  reason: string;
  decision: 'accepted' | 'dismissed' | null;
  decisionReason: string;
  annotationId: string | null;
}

export function createCaseLint(ctx: ServiceContext, cases: CasesService, checklist: ChecklistService, annotations: AnnotationsService) {
  const { db } = ctx;
  // Pre-review results depend only on the document's text (and the rule version, fixed for a
  // session): keep them per document for this session. The lint is a view of them.
  const cache = new Map<string, DocumentPrereview>();
  const prereviewOf = (documentId: string, title: string) => {
    let r = cache.get(documentId);
    if (!r) {
      r = prereviewDocument(loadTexts(db, documentId), { fileName: title });
      cache.set(documentId, r);
    }
    return r;
  };
  const lintOf = (documentId: string, title: string) => lintView(prereviewOf(documentId, title));

  const chokeholdItem = (caseId: string) => checklist.packFor(caseId).items.find((i) => i.lint === 'chokehold')?.id ?? null;

  return {
    /** Every rule of PREREVIEW.md for each of a case's documents (the CLI's `prereview --case`). */
    prereviewCase(caseId: string) {
      cases.get(caseId);
      const docs = db.prepare<[string], { id: string; title: string; sha256: string }>('SELECT d.id, d.title, d.sha256 FROM case_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.case_id = ? ORDER BY d.title').all(caseId);
      return docs.map((d) => ({ documentId: d.id, title: d.title, sha256: d.sha256, result: prereviewOf(d.id, d.title) }));
    },
    forCase(caseId: string) {
      cases.get(caseId);
      const docs = db.prepare<[string], { id: string; title: string }>('SELECT d.id, d.title FROM case_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.case_id = ? ORDER BY d.title').all(caseId);
      const decisions = db
        .prepare<[string], { document_id: string; category: Category; page: number; quote: string; decision: 'accepted' | 'dismissed'; reason: string; annotation_id: string | null }>('SELECT * FROM lint_decisions WHERE case_id = ?')
        .all(caseId);
      const decided = (documentId: string, category: Category, page: number, quote: string) => decisions.find((d) => d.document_id === documentId && d.category === category && d.page === page && d.quote === quote);
      return docs.map((d) => {
        const r = lintOf(d.id, d.title);
        const view = (category: Category) => ({
          stance: r[category].stance,
          evidence: r[category].evidence.map((e): FindingView => {
            const dec = decided(d.id, category, e.page, e.quote);
            return { page: e.page, quote: e.quote, reason: e.reason, decision: dec?.decision ?? null, decisionReason: dec?.reason ?? '', annotationId: dec?.annotation_id ?? null };
          }),
        });
        return { documentId: d.id, documentTitle: d.title, isDirective: r.isDirective, chokehold: view('chokehold'), vascular: view('vascular') };
      });
    },
    decide(input: ParsedInput<'lint.decide'>): { annotationId: string | null } {
      const c = cases.get(input.caseId);
      if (c.archived) throw new ServiceError('conflict', 'This case is archived. Restore it to act on lint findings.');
      const title = (db.prepare('SELECT title FROM documents WHERE id = ?').get(input.documentId) as { title: string } | undefined)?.title;
      if (!title) throw new ServiceError('not_found', `No document ${input.documentId}.`);
      const finding = lintOf(input.documentId, title)[input.category].evidence.find((e) => e.page === input.page && e.quote === input.quote);
      if (!finding) throw new ServiceError('not_found', 'That finding is no longer among the lint’s findings for this document.');
      if (input.decision === 'dismissed' && !input.reason.trim()) throw new ServiceError('invalid_input', 'Say why you dismiss this finding.', { reason: 'A reason is required.' });
      let annotationId: string | null = null;
      if (input.decision === 'accepted') {
        const item = chokeholdItem(input.caseId);
        if (!item) throw new ServiceError('conflict', 'This case’s checklist has no chokehold item to attach the finding to.');
        // A vascular finding is context for the airway rule; a permission contradicts the prohibition.
        const stance = input.category === 'vascular' ? 'context' : finding.stance === 'permitted' ? 'contradicts' : 'supports';
        const a = annotations.create({
          caseId: input.caseId,
          documentId: input.documentId,
          page: finding.page,
          quote: finding.quote.endsWith('…') ? finding.quote.slice(0, -1) : finding.quote,
          itemIds: [item],
          stance,
          note: `Chokehold lint (${input.category}): ${finding.stance?.replace(/_/g, ' ')} — ${finding.reason}`,
        });
        annotationId = a.id;
      }
      db.prepare(
        `INSERT INTO lint_decisions (case_id, document_id, category, page, quote, decision, reason, annotation_id, decided_by, decided_at, decided_by_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (case_id, document_id, category, page, quote) DO UPDATE SET decision = excluded.decision, reason = excluded.reason, annotation_id = excluded.annotation_id, decided_by = excluded.decided_by, decided_at = excluded.decided_at, decided_by_fingerprint = excluded.decided_by_fingerprint`,
      ).run(input.caseId, input.documentId, input.category, input.page, input.quote, input.decision, input.reason, annotationId, ctx.actor, ctx.now().toISOString(), ctx.actorFingerprint);
      return { annotationId };
    },
  };
}
export type CaseLint = ReturnType<typeof createCaseLint>;
