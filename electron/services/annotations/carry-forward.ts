// Replacing a document with its revised version: every highlight on the old version is carried
// to the new one — by position where the quote still stands there, else by searching for the
// quote (exact, then fuzzy). What cannot be found is left orphaned for the reviewer, and the
// determinations resting on edited or lost evidence are marked stale.
import { fuzzyFind, reanchor, rectsFor } from '../../../shared/domain/anchoring.ts';
import { ServiceError } from '../../../shared/result.ts';
import type { ServiceContext } from '../context.ts';
import type { DocumentsService } from '../documents/documents-service.ts';
import { EXTRACTOR_VERSION } from '../extraction/messages.ts';
import { loadPages } from './page-text.ts';

export interface ReplaceResult {
  documentId: string;
  kept: number;
  relocated: number;
  edited: number;
  orphaned: number;
}

export function createCarryForward(ctx: ServiceContext, documents: DocumentsService) {
  const { db } = ctx;
  return {
    async replace(input: { caseId: string; documentId: string; path: string; password?: string }): Promise<ReplaceResult> {
      const linked = db.prepare('SELECT 1 FROM case_documents WHERE case_id = ? AND document_id = ?').get(input.caseId, input.documentId);
      if (!linked) throw new ServiceError('not_found', 'That document is not in this case.');
      const [r] = await documents.import({ caseId: input.caseId, paths: [input.path], password: input.password });
      if (!r || !r.ok) throw new ServiceError('bad_file', r && !r.ok ? r.message : 'The revised file could not be imported.');
      const next = r.document;
      if (next.id === input.documentId) throw new ServiceError('invalid_input', 'That file is the same version (identical bytes). Choose the revised PDF.');
      const { texts, items } = loadPages(db, next.id);
      const old = db
        .prepare<[string, string], { id: string; start_offset: number; end_offset: number; quote: string; prefix: string; suffix: string }>(
          `SELECT id, start_offset, end_offset, quote, prefix, suffix FROM annotations WHERE case_id = ? AND document_id = ? AND status != 'deleted'`,
        )
        .all(input.caseId, input.documentId);
      const result: ReplaceResult = { documentId: next.id, kept: 0, relocated: 0, edited: 0, orphaned: 0 };
      const stale = db.prepare(`UPDATE determinations SET stale = 1 WHERE (case_id, item_id) IN (SELECT case_id, item_id FROM determination_evidence WHERE annotation_id = ?)`);
      const move = db.prepare(
        `UPDATE annotations SET document_id = ?, doc_sha256 = ?, page_from = ?, page_to = ?, rects = ?, quote = ?, prefix = ?, suffix = ?,
           start_offset = ?, end_offset = ?, extractor_version = ?, status = 'active', updated_at = ? WHERE id = ?`,
      );
      ctx.writeTransaction(() => {
        const at = ctx.now().toISOString();
        for (const a of old) {
          const exact = reanchor(texts, { start: a.start_offset, end: a.end_offset, quote: a.quote, prefix: a.prefix, suffix: a.suffix });
          const found = exact ?? fuzzyFind(texts, a.quote);
          if (!found) {
            db.prepare(`UPDATE annotations SET status = 'orphaned', updated_at = ? WHERE id = ?`).run(at, a.id);
            stale.run(a.id);
            result.orphaned++;
            continue;
          }
          move.run(next.id, next.sha256, found.pageFrom, found.pageTo, JSON.stringify(rectsFor(texts, items, found.start, found.end)), found.quote, found.prefix, found.suffix, found.start, found.end, EXTRACTOR_VERSION, at, a.id);
          if (exact && exact.start === a.start_offset) result.kept++;
          else if (exact) result.relocated++; // the same words, moved: the evidence has not changed
          else {
            // The words were edited: the determination resting on them must be looked at again.
            stale.run(a.id);
            result.edited++;
          }
        }
        // The revision takes the old version's place in this case (other cases keep theirs).
        db.prepare('DELETE FROM case_documents WHERE case_id = ? AND document_id = ?').run(input.caseId, input.documentId);
        ctx.recordChange('documents.replace', input.caseId, 'document', input.documentId, { replacedBy: next.id, ...result });
      });
      return result;
    },
  };
}
