// Replacing a document with its revised version: every highlight on the old version is carried
// to the new one — by position where the quote still stands there, else by searching for the
// quote (exact, then fuzzy). What cannot be found is left orphaned for the reviewer, and the
// determinations resting on edited or lost evidence are marked stale. A page whose text is read
// again in place (its OCR redone with a better engine) carries its highlights the same way.
import { fuzzyFind, reanchor, rectsFor, type PageItems } from '../../../shared/domain/anchoring.ts';
import type { Db } from '../../db/open.ts';
import { ServiceError } from '../../../shared/result.ts';
import type { ServiceContext } from '../context.ts';
import type { DocumentsService } from '../documents/documents-service.ts';
import { EXTRACTOR_VERSION } from '../extraction/messages.ts';
import { loadPagesLazily } from './page-text.ts';

export interface CarryCounts {
  kept: number;
  relocated: number;
  edited: number;
  orphaned: number;
}

export interface ReplaceResult extends CarryCounts {
  documentId: string;
  /** Highlights waiting for OCR to read the new version's scanned pages before they are carried. */
  waiting: number;
}

interface Carried {
  id: string;
  document_id: string;
  start_offset: number;
  end_offset: number;
  quote: string;
  prefix: string;
  suffix: string;
  page_from: number;
  page_to: number;
  rects: string;
}

/**
 * Carries highlights onto new page text (`texts`, and the item boxes of the pages a highlight lands on) of document `to`: by position, else by
 * their exact words, else fuzzily; else orphaned. Determinations resting on edited or lost words
 * go stale. `keepRects(a)` says a highlight's drawn boxes still stand (its page was not re-read),
 * so only its offsets move; otherwise its boxes are taken from the new text's items.
 */
function carry(db: Db, at: string, rows: Carried[], texts: string[], itemsFor: (fromPage: number, toPage: number) => PageItems[], to: { documentId: string; sha256: string }, keepRects: (a: Carried) => boolean = () => false): CarryCounts {
  const result: CarryCounts = { kept: 0, relocated: 0, edited: 0, orphaned: 0 };
  const stale = db.prepare(`UPDATE determinations SET stale = 1 WHERE (case_id, item_id) IN (SELECT case_id, item_id FROM determination_evidence WHERE annotation_id = ?)`);
  const move = db.prepare(
    `UPDATE annotations SET document_id = ?, doc_sha256 = ?, page_from = ?, page_to = ?, rects = ?, quote = ?, prefix = ?, suffix = ?,
       start_offset = ?, end_offset = ?, extractor_version = ?, status = 'active', updated_at = ? WHERE id = ?`,
  );
  for (const a of rows) {
    // A highlight on a page read again in place stays on its page where its words are there.
    const inPlace = !keepRects(a) && to.documentId === a.document_id ? { from: a.page_from, to: a.page_to } : undefined;
    const exact = reanchor(texts, { start: a.start_offset, end: a.end_offset, quote: a.quote, prefix: a.prefix, suffix: a.suffix }, inPlace);
    const found = exact ?? fuzzyFind(texts, a.quote);
    if (!found) {
      db.prepare(`UPDATE annotations SET status = 'orphaned', updated_at = ? WHERE id = ?`).run(at, a.id);
      stale.run(a.id);
      result.orphaned++;
      continue;
    }
    const samePages = found.pageFrom === a.page_from && found.pageTo === a.page_to;
    const rects = samePages && keepRects(a) ? a.rects : JSON.stringify(rectsFor(texts, itemsFor(found.pageFrom, found.pageTo), found.start, found.end));
    move.run(to.documentId, to.sha256, found.pageFrom, found.pageTo, rects, found.quote, found.prefix, found.suffix, found.start, found.end, EXTRACTOR_VERSION, at, a.id);
    if (exact && exact.start === a.start_offset) result.kept++;
    else if (exact) result.relocated++; // the same words, moved: the evidence has not changed
    else {
      // The words were edited: the determination resting on them must be looked at again.
      stale.run(a.id);
      result.edited++;
    }
  }
  return result;
}

const CARRIED_COLUMNS = 'id, document_id, start_offset, end_offset, quote, prefix, suffix, page_from, page_to, rects';

/**
 * Some pages of a document were read again in place — their OCR redone, by a better engine or
 * after a failure — and their text replaced: the document's highlights, in every case that uses
 * it, follow their words as they would to a revised version. Call inside the write transaction
 * that replaced the text, after it did; `changedPages` are 1-based. Highlights on other pages
 * keep their drawn boxes (their offsets may still move). Each case whose highlights moved or
 * changed gets an audit entry with the counts.
 */
export function carryForwardInPlace(
  ctx: ServiceContext,
  documentId: string,
  changedPages: readonly number[],
  /** What the trail says happened to the pages: read again by OCR, or put back on the file's own text. */
  action: 'annotations.reread' | 'annotations.backToFileText' = 'annotations.reread',
): Map<string, CarryCounts> {
  const { db } = ctx;
  const out = new Map<string, CarryCounts>();
  const doc = db.prepare<[string], { sha256: string }>('SELECT sha256 FROM documents WHERE id = ?').get(documentId);
  if (!doc || changedPages.length === 0) return out;
  const cases = db.prepare<[string], { case_id: string }>(`SELECT DISTINCT case_id FROM annotations WHERE document_id = ? AND status != 'deleted'`).all(documentId);
  // Nothing anchored to it (the usual case while a new scan is first read): no page is loaded.
  // Loading and parsing every page's text and boxes for each page that lands made OCR of a
  // 100-page scan quadratic, and held the main thread ~100 ms a page near its end.
  if (cases.length === 0) return out;
  const { texts, itemsFor } = loadPagesLazily(db, documentId);
  const changed = new Set(changedPages.map((p) => p - 1));
  const onChangedPage = (a: Carried) => [...changed].some((p) => p >= a.page_from && p <= a.page_to);
  const at = ctx.now().toISOString();
  for (const { case_id } of cases) {
    const rows = db.prepare<[string, string], Carried>(`SELECT ${CARRIED_COLUMNS} FROM annotations WHERE case_id = ? AND document_id = ? AND status != 'deleted'`).all(case_id, documentId);
    const counts = carry(db, at, rows, texts, itemsFor, { documentId, sha256: doc.sha256 }, (a) => !onChangedPage(a));
    out.set(case_id, counts);
    const touched = rows.filter(onChangedPage).length;
    if (touched > 0 || counts.relocated + counts.edited + counts.orphaned > 0) ctx.recordChange(action, case_id, 'document', documentId, { pages: [...changedPages].sort((x, y) => x - y), ...counts });
  }
  return out;
}

const pendingOcr = (db: Db, documentId: string) =>
  (db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM page_ocr WHERE document_id = ? AND status = 'pending'`).get(documentId)?.n ?? 0);

/** The case's highlights on `from`, carried onto `to`'s present text (call inside a write transaction). */
function carryTo(ctx: ServiceContext, caseId: string, from: string, to: { id: string; sha256: string }): CarryCounts {
  const { db } = ctx;
  const { texts, itemsFor } = loadPagesLazily(db, to.id);
  const old = db.prepare<[string, string], Carried>(`SELECT ${CARRIED_COLUMNS} FROM annotations WHERE case_id = ? AND document_id = ? AND status != 'deleted'`).all(caseId, from);
  return carry(db, ctx.now().toISOString(), old, texts, itemsFor, { documentId: to.id, sha256: to.sha256 });
}

/**
 * The carries that were waiting for `documentId`'s OCR, run once none of its pages is pending
 * (each read, failed or stopped): its highlights land on the words OCR found, and what OCR could
 * not find is orphaned as in any replacement. Call inside the write transaction that finished
 * the document's last page. Each case gets an audit entry with the counts.
 */
export function carryAfterOcr(ctx: ServiceContext, documentId: string): Map<string, CarryCounts> {
  const { db } = ctx;
  const out = new Map<string, CarryCounts>();
  const waiting = db.prepare<[string], { case_id: string; from_document_id: string }>('SELECT case_id, from_document_id FROM carry_after_ocr WHERE to_document_id = ? ORDER BY requested_at, case_id').all(documentId);
  if (waiting.length === 0 || pendingOcr(db, documentId) > 0) return out;
  const to = db.prepare<[string], { id: string; sha256: string }>('SELECT id, sha256 FROM documents WHERE id = ?').get(documentId)!;
  for (const w of waiting) {
    const counts = carryTo(ctx, w.case_id, w.from_document_id, to);
    db.prepare('DELETE FROM carry_after_ocr WHERE case_id = ? AND from_document_id = ?').run(w.case_id, w.from_document_id);
    out.set(w.case_id, counts);
    ctx.recordChange('documents.replaceAfterOcr', w.case_id, 'document', w.from_document_id, { replacedBy: documentId, ...counts });
  }
  return out;
}

/** Carries still waiting whose new version has nothing left to read (a workspace reopened after OCR was stopped some other way). */
export function settleWaitingCarries(ctx: ServiceContext): void {
  const targets = ctx.db.prepare<[], { to_document_id: string }>('SELECT DISTINCT to_document_id FROM carry_after_ocr').all();
  for (const t of targets) ctx.writeTransaction(() => carryAfterOcr(ctx, t.to_document_id));
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
      let result: ReplaceResult = { documentId: next.id, kept: 0, relocated: 0, edited: 0, orphaned: 0, waiting: 0 };
      ctx.writeTransaction(() => {
        // Highlights still waiting for the version being replaced now wait for its successor.
        db.prepare('UPDATE carry_after_ocr SET to_document_id = ? WHERE case_id = ? AND to_document_id = ?').run(next.id, input.caseId, input.documentId);
        if (pendingOcr(db, next.id) > 0) {
          // Its scanned pages have no text yet: carried now, every highlight on them would be
          // orphaned. They stay on the old version, untouched, until OCR has read the new one.
          const on = db.prepare<[string, string], { n: number }>(`SELECT count(*) AS n FROM annotations WHERE case_id = ? AND document_id = ? AND status != 'deleted'`);
          if ((on.get(input.caseId, input.documentId)?.n ?? 0) > 0) {
            db.prepare('INSERT OR REPLACE INTO carry_after_ocr (case_id, from_document_id, to_document_id, requested_at) VALUES (?, ?, ?, ?)').run(input.caseId, input.documentId, next.id, ctx.now().toISOString());
          }
          const froms = db.prepare<[string, string], { from_document_id: string }>('SELECT from_document_id FROM carry_after_ocr WHERE case_id = ? AND to_document_id = ?').all(input.caseId, next.id);
          result = { ...result, waiting: froms.reduce((n, f) => n + (on.get(input.caseId, f.from_document_id)?.n ?? 0), 0) };
        } else {
          result = { documentId: next.id, ...carryTo(ctx, input.caseId, input.documentId, { id: next.id, sha256: next.sha256 }), waiting: 0 };
          carryAfterOcr(ctx, next.id);
        }
        // The revision takes the old version's place in this case (other cases keep theirs).
        db.prepare('DELETE FROM case_documents WHERE case_id = ? AND document_id = ?').run(input.caseId, input.documentId);
        ctx.recordChange('documents.replace', input.caseId, 'document', input.documentId, { replacedBy: next.id, ...result });
      });
      return result;
    },
  };
}
