// Evidence highlights: a quote located in a document's extracted text, anchored by SHA-256,
// pages, rectangles, document offsets, prefix and suffix, and linked to checklist items.
import type { ParsedInput } from '../../../shared/contract.ts';
import { locateQuoteNear, rectsFor, type Rect } from '../../../shared/domain/anchoring.ts';
import type { AnnotationRecord, CriterionRef } from '../../../shared/schemas/checklist.ts';
import { ServiceError } from '../../../shared/result.ts';
import { EXTRACTOR_VERSION } from '../extraction/messages.ts';
import type { CasesService } from '../cases/cases-service.ts';
import type { ServiceContext } from '../context.ts';
import { loadPages } from './page-text.ts';
import { scannerTextSql } from '../documents/scanner-text-sql.ts';

interface Row {
  id: string;
  case_id: string;
  document_id: string;
  title: string;
  /** 1 when the highlight lies on a page OCR read (ON_OCR_SQL). */
  on_ocr: number;
  /** 1 when it lies on a page whose text is a scanner's own OCR (scannerTextSql). */
  on_scanner_text: number;
  doc_sha256: string;
  page_from: number;
  page_to: number;
  rects: string;
  quote: string;
  prefix: string;
  suffix: string;
  start_offset: number;
  end_offset: number;
  extractor_version: string;
  stance: AnnotationRecord['stance'];
  note: string;
  status: AnnotationRecord['status'];
  created_by: string;
  created_at: string;
  item_ids: string | null;
  /** rubric id, char(30), criterion id; joined by char(31). Absent where a query does not ask. */
  criteria?: string | null;
  /** 1 while the document is still in the case; absent where a query does not ask. */
  linked?: number;
}

/**
 * Whether the highlight's document is still in its case: evidence on a removed document is marked,
 * not dropped. A version replaced by a scanned revision still counts while its highlights wait
 * for the revision's OCR (carry_after_ocr): they have not been lost, only not yet moved.
 */
export const LINKED_SQL = `(EXISTS (SELECT 1 FROM case_documents cd WHERE cd.case_id = a.case_id AND cd.document_id = a.document_id)
    OR EXISTS (SELECT 1 FROM carry_after_ocr co WHERE co.case_id = a.case_id AND co.from_document_id = a.document_id)) AS linked,
  (SELECT group_concat(ce.rubric_id || char(30) || ce.criterion_id, char(31)) FROM criterion_evidence ce WHERE ce.annotation_id = a.id) AS criteria`;

/** The highlight lies on a page whose text OCR read from a scanned image (evidence lists and the packet say so). */
export const ON_OCR_SQL = `EXISTS (SELECT 1 FROM page_ocr po WHERE po.document_id = a.document_id AND po.source = 'ocr' AND po.page_index BETWEEN a.page_from AND a.page_to) AS on_ocr,
  ${scannerTextSql('a.document_id', 'a.page_from', 'a.page_to')} AS on_scanner_text`;

const SELECT = `
  SELECT a.*, d.title, (SELECT group_concat(item_id, char(31)) FROM annotation_items ai WHERE ai.annotation_id = a.id) AS item_ids, ${LINKED_SQL},
    ${ON_OCR_SQL}
  FROM annotations a JOIN documents d ON d.id = a.document_id`;

export const toAnnotation = (r: Row): AnnotationRecord => ({
  id: r.id,
  caseId: r.case_id,
  documentId: r.document_id,
  documentTitle: r.title,
  docSha256: r.doc_sha256,
  pageFrom: r.page_from + 1,
  pageTo: r.page_to + 1,
  rects: (JSON.parse(r.rects) as Array<{ page: number; x: number; y: number; w: number; h: number }>).map((x) => ({ ...x, page: x.page + 1 })),
  quote: r.quote,
  prefix: r.prefix,
  suffix: r.suffix,
  startOffset: r.start_offset,
  endOffset: r.end_offset,
  extractorVersion: r.extractor_version,
  stance: r.stance,
  note: r.note,
  itemIds: r.item_ids ? r.item_ids.split('\u001f').sort() : [],
  criteria: (r.criteria ? r.criteria.split('\u001f').sort() : []).map((c) => {
    const [rubricId, criterionId] = c.split('\u001e') as [string, string];
    return { rubricId, criterionId };
  }),
  status: r.status === 'active' && r.linked === 0 ? 'document-removed' : r.status,
  ocr: r.on_ocr === 1,
  scannerText: r.on_scanner_text === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** The drawn boxes, if every one lies on a page the quote spans (else they describe something else). */
function selectionOnAnchor(drawn: Rect[], anchor: { pageFrom: number; pageTo: number }): Rect[] | null {
  if (drawn.length === 0) return null;
  if (drawn.some((r) => r.page < anchor.pageFrom || r.page > anchor.pageTo)) {
    throw new ServiceError('invalid_input', `The selection's boxes lie on pages the quote is not on (the quote is on page ${anchor.pageFrom + 1}${anchor.pageTo > anchor.pageFrom ? `–${anchor.pageTo + 1}` : ''}). Select the passage again.`, { rects: 'Not on the quote’s pages.' });
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  return drawn.map((r) => ({ page: r.page, x: round(r.x), y: round(r.y), w: round(r.w), h: round(r.h) }));
}

export function createAnnotationsService(
  ctx: ServiceContext,
  cases: CasesService,
  itemExists: (caseId: string, itemId: string) => boolean,
  criterionExists: (caseId: string, ref: CriterionRef) => boolean,
) {
  const { db } = ctx;
  const byId = db.prepare<[string], Row>(`${SELECT} WHERE a.id = ?`);

  function get(id: string): AnnotationRecord {
    const r = byId.get(id);
    if (!r) throw new ServiceError('not_found', `No highlight with id ${id}.`);
    return toAnnotation(r);
  }

  function checkItems(caseId: string, itemIds: string[]) {
    const unknown = itemIds.filter((i) => !itemExists(caseId, i));
    if (unknown.length) throw new ServiceError('invalid_input', `Not an item of this case's checklist: ${unknown.join(', ')}.`, { itemIds: 'Choose items from the checklist.' });
  }

  function checkCriteria(caseId: string, refs: CriterionRef[]) {
    const unknown = refs.filter((r) => !criterionExists(caseId, r));
    if (unknown.length) throw new ServiceError('invalid_input', `Not a criterion of an installed rubric: ${unknown.map((r) => `${r.rubricId}/${r.criterionId}`).join(', ')}.`, { criteria: 'Choose criteria from the rubrics.' });
  }

  const setCriteria = (caseId: string, id: string, refs: CriterionRef[]) => {
    const ins = db.prepare('INSERT OR IGNORE INTO criterion_evidence (case_id, rubric_id, criterion_id, annotation_id) VALUES (?, ?, ?, ?)');
    for (const r of refs) ins.run(caseId, r.rubricId, r.criterionId, id);
  };

  const setItems = (id: string, itemIds: string[]) => {
    db.prepare('DELETE FROM annotation_items WHERE annotation_id = ?').run(id);
    const ins = db.prepare('INSERT INTO annotation_items (annotation_id, item_id) VALUES (?, ?)');
    for (const i of new Set(itemIds)) ins.run(id, i);
  };

  /** Determinations resting on a highlight that changed must be looked at again. */
  const markStale = (annotationId: string) =>
    db.prepare(`UPDATE determinations SET stale = 1 WHERE (case_id, item_id) IN (SELECT case_id, item_id FROM determination_evidence WHERE annotation_id = ?)`).run(annotationId);

  const writable = (caseId: string) => {
    const c = cases.get(caseId);
    if (c.archived) throw new ServiceError('conflict', 'This case is archived. Restore it to change its evidence.');
  };

  return {
    get,
    list(input: ParsedInput<'annotations.list'>): AnnotationRecord[] {
      cases.get(input.caseId);
      const rows = input.documentId
        ? db.prepare<[string, string], Row>(`${SELECT} WHERE a.case_id = ? AND a.document_id = ? AND a.status != 'deleted' ORDER BY a.start_offset`).all(input.caseId, input.documentId)
        : db.prepare<[string], Row>(`${SELECT} WHERE a.case_id = ? AND a.status != 'deleted' ORDER BY d.title, a.start_offset`).all(input.caseId);
      return rows.map(toAnnotation);
    },
    create(input: ParsedInput<'annotations.create'>): AnnotationRecord {
      writable(input.caseId);
      const link = db.prepare('SELECT d.sha256, d.title, d.page_count FROM case_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.case_id = ? AND cd.document_id = ?').get(input.caseId, input.documentId) as
        | { sha256: string; title: string; page_count: number }
        | undefined;
      if (!link) throw new ServiceError('not_found', `Document ${input.documentId} is not in this case.`);
      if (input.page > link.page_count) throw new ServiceError('invalid_input', `${link.title} has ${link.page_count} pages; there is no page ${input.page}.`, { page: `At most ${link.page_count}.` });
      checkItems(input.caseId, input.itemIds);
      checkCriteria(input.caseId, input.criteria);
      const { texts, items } = loadPages(db, input.documentId);
      const endPage = input.endPage ? Math.min(input.endPage, link.page_count) - 1 : undefined;
      // Boxes from the viewer are the selection's own glyph boxes: they become the highlight's
      // shape. Without them (CLI, pre-review findings) the boxes come from the extracted text.
      const drawn: Rect[] = (input.rects ?? []).map((r) => ({ ...r, page: r.page - 1 }));
      const anchor = locateQuoteNear(texts, items, input.page - 1, input.quote, drawn, endPage);
      if (!anchor) {
        throw new ServiceError('invalid_input', `The quote was not found on page ${input.page} of ${link.title}${endPage !== undefined || input.page < link.page_count ? ' (or running on to the next page)' : ''}. Check the page number and copy the words exactly as the policy has them.`, {
          quote: 'Not found on that page.',
        });
      }
      const id = ctx.newId();
      const at = ctx.now().toISOString();
      db.transaction(() => {
        db.prepare(
          `INSERT INTO annotations (id, case_id, document_id, doc_sha256, page_from, page_to, rects, quote, prefix, suffix, start_offset, end_offset,
             extractor_version, stance, note, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, input.caseId, input.documentId, link.sha256, anchor.pageFrom, anchor.pageTo, JSON.stringify(selectionOnAnchor(drawn, anchor) ?? rectsFor(texts, items, anchor.start, anchor.end)), anchor.quote, anchor.prefix, anchor.suffix, anchor.start, anchor.end, EXTRACTOR_VERSION, input.stance, input.note, ctx.actor, at, at);
        setItems(id, input.itemIds);
        setCriteria(input.caseId, id, input.criteria);
        cases.touch(input.caseId);
      })();
      return get(id);
    },
    update(input: ParsedInput<'annotations.update'>): AnnotationRecord {
      const a = get(input.id);
      writable(a.caseId);
      if (input.itemIds) checkItems(a.caseId, input.itemIds);
      db.transaction(() => {
        db.prepare('UPDATE annotations SET stance = ?, note = ?, updated_at = ? WHERE id = ?').run(input.stance ?? a.stance, input.note ?? a.note, ctx.now().toISOString(), a.id);
        if (input.itemIds) {
          setItems(a.id, input.itemIds);
          // Evidence for an item the highlight no longer belongs to is dropped, and that determination flagged.
          const dropped = db.prepare<[string], { case_id: string; item_id: string }>('SELECT case_id, item_id FROM determination_evidence WHERE annotation_id = ?').all(a.id).filter((d) => !input.itemIds!.includes(d.item_id));
          for (const d of dropped) {
            db.prepare('DELETE FROM determination_evidence WHERE case_id = ? AND item_id = ? AND annotation_id = ?').run(d.case_id, d.item_id, a.id);
            db.prepare('UPDATE determinations SET stale = 1 WHERE case_id = ? AND item_id = ?').run(d.case_id, d.item_id);
          }
        }
        cases.touch(a.caseId);
      })();
      return get(a.id);
    },
    /** Soft delete, so undo can bring it back; determinations resting on it turn stale. */
    remove(id: string): AnnotationRecord {
      const a = get(id);
      writable(a.caseId);
      db.transaction(() => {
        db.prepare(`UPDATE annotations SET status = 'deleted', updated_at = ? WHERE id = ?`).run(ctx.now().toISOString(), id);
        markStale(id);
        cases.touch(a.caseId);
      })();
      return get(id);
    },
    restore(id: string): AnnotationRecord {
      const a = get(id);
      writable(a.caseId);
      db.prepare(`UPDATE annotations SET status = 'active', updated_at = ? WHERE id = ?`).run(ctx.now().toISOString(), id);
      return get(id);
    },
  };
}
export type AnnotationsService = ReturnType<typeof createAnnotationsService>;
