// The chokehold lint over every document of a case, with the reviewer's decisions on each
// finding: accepting one makes it a highlight and evidence on the chokehold item; dismissing
// one records why. A view of the pre-review (its `chokehold` and `vascular` rules), whose
// results, decisions and refusals it shares. The lint suggests; the reviewer decides.
import type { ParsedInput } from '../../../shared/contract.ts';
import { lintView, type Category } from '../../../shared/domain/lint/classify.ts';
import type { CasesService } from '../cases/cases-service.ts';
import type { ServiceContext } from '../context.ts';
import type { Prereview } from '../prereview/prereview-service.ts';
import { ocrReadPages, ocrUnreadPages, scannerTextPages } from '../ocr/ocr-read-pages.ts';

export interface FindingView {
  page: number;
  quote: string;
  reason: string;
  decision: 'accepted' | 'dismissed' | null;
  decisionReason: string;
  annotationId: string | null;
  /** The passage's page was read by OCR from a scanned image. */
  ocr: boolean;
  /** The passage's page carries a scanner's own OCR as its text (not read by Credence). */
  scannerText: boolean;
}

export function createCaseLint(ctx: ServiceContext, cases: CasesService, prereview: Prereview) {
  const { db } = ctx;
  // The lint is the chokehold view of the stored pre-review results.

  return {
    async forCase(caseId: string) {
      cases.get(caseId);
      const docs = db.prepare<[string], { id: string; title: string }>('SELECT d.id, d.title FROM case_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.case_id = ? ORDER BY d.title').all(caseId);
      const decisions = db
        .prepare<[string], { document_id: string; category: string; page: number; quote: string; decision: 'accepted' | 'dismissed'; reason: string; annotation_id: string | null }>("SELECT * FROM lint_decisions WHERE case_id = ? AND category IN ('chokehold', 'vascular')")
        .all(caseId);
      const decided = (documentId: string, category: Category, page: number, quote: string) => decisions.find((d) => d.document_id === documentId && d.category === category && d.page === page && d.quote === quote);
      // Read in the worker where not yet stored, so the main thread stays free.
      const results = await Promise.all(docs.map((d) => prereview.resultAsync(d.id)));
      const ocrPages = ocrReadPages(db);
      const scannerPages = scannerTextPages(db);
      const unread = ocrUnreadPages(db);
      return docs.map((d, n) => {
        const r = lintView(results[n]!);
        const read = ocrPages(d.id);
        const scanner = scannerPages(d.id);
        // Scanned pages the lint had no text for because OCR has not read them (yet): a verdict
        // over the rest is not the whole document's. Blank pages OCR read are not counted.
        const u = unread(d.id);
        const waiting = new Set([...u.waiting, ...u.failed, ...u.stopped]);
        const unreadPages = results[n]!.pagesWithoutText.filter((p) => waiting.has(p));
        const view = (category: Category) => ({
          stance: r[category].stance,
          evidence: r[category].evidence.map((e): FindingView => {
            const dec = decided(d.id, category, e.page, e.quote);
            return { page: e.page, quote: e.quote, reason: e.reason, decision: dec?.decision ?? null, decisionReason: dec?.reason ?? '', annotationId: dec?.annotation_id ?? null, ocr: read.has(e.page), scannerText: scanner.has(e.page) };
          }),
        });
        return { documentId: d.id, documentTitle: d.title, isDirective: r.isDirective, unreadPages, chokehold: view('chokehold'), vascular: view('vascular') };
      });
    },
    /** The chokehold/vascular subset of prereview.decide, with the lint's own wording on the highlight. */
    decide(input: ParsedInput<'lint.decide'>): { annotationId: string | null } {
      const { category, ...rest } = input;
      return prereview.decide({ ...rest, rule: category }, 'Chokehold lint');
    },
  };
}
export type CaseLint = ReturnType<typeof createCaseLint>;
