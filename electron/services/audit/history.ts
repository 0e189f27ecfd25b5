// The case's audit trail worded for people: each entry with the names it refers to looked up
// (document numbers and titles, pages, checklist items, rubric criteria) and one sentence from
// shared/domain/history-wording.ts. A state (a status, a level, a title) is named only when the
// current record hashes to the state the entry recorded, so history never claims a value that
// was later changed.
import { describeAuditEntry, type HistoryNames } from '../../../shared/domain/history-wording.ts';
import { DETERMINATION_LABEL } from '../../../shared/schemas/checklist.ts';
import { CONSENSUS } from '../../../shared/schemas/rubric.ts';
import type { CasesService } from '../cases/cases-service.ts';
import type { ChecklistService } from '../checklists/checklist-service.ts';
import type { ServiceContext } from '../context.ts';
import type { DocumentsService } from '../documents/documents-service.ts';
import type { RubricsService } from '../rubrics/rubrics-service.ts';
import { stateHashOf as stateHash, type Audit, type AuditEntry } from './audit-service.ts';

export interface HistoryLine {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  sentence: string;
}


export function createHistory(ctx: ServiceContext, deps: { audit: Audit; cases: CasesService; checklist: ChecklistService; documents: DocumentsService; rubrics: RubricsService }) {
  const { db } = ctx;
  const { audit, cases, checklist, documents, rubrics } = deps;
  return {
    forCase(caseId: string): HistoryLine[] {
      const entries = audit.list(caseId);
      const c = cases.get(caseId);
      const items = new Map(checklist.packFor(caseId).items.map((i) => [i.id, i.title]));
      const docs = new Map(documents.list({ caseId }).map((d) => [d.id, d]));
      const docName = (id: string) => {
        const d = docs.get(id) ?? db.prepare<[string], { title: string; agency_doc_number: string | null }>('SELECT title, agency_doc_number FROM documents WHERE id = ?').get(id);
        if (!d) return undefined;
        return 'agencyDocNumber' in d ? { title: d.title, number: d.agencyDocNumber } : { title: d.title, number: d.agency_doc_number };
      };
      const annotation = db.prepare<[string], { document_id: string; page_from: number; page_to: number; item_ids: string | null; criteria: string | null }>(
        `SELECT document_id, page_from, page_to, (SELECT group_concat(item_id, char(31)) FROM annotation_items ai WHERE ai.annotation_id = a.id) AS item_ids,
           (SELECT group_concat(ce.rubric_id || char(30) || ce.criterion_id, char(31)) FROM criterion_evidence ce WHERE ce.annotation_id = a.id) AS criteria
         FROM annotations a WHERE id = ?`,
      );
      const determinations = new Map(checklist.forCase(caseId).entries.filter((e) => e.determination).map((e) => [e.item.id, e.determination!]));
      const rubricTitles = new Map(rubrics.list().map((r) => [r.id, { title: r.title, criteria: new Map(r.criteria.map((x) => [x.id, x.title])) }]));
      const scoreViews = new Map<string, ReturnType<RubricsService['forCase']>>();
      const scoresOf = (scorer: string) => {
        if (!scoreViews.has(scorer)) scoreViews.set(scorer, rubrics.forCase(caseId, scorer));
        return scoreViews.get(scorer)!;
      };

      const namesFor = (e: AuditEntry): HistoryNames => {
        const n: HistoryNames = {};
        if (e.entity === 'document') {
          n.document = docName(e.entityId);
          const now = docs.get(e.entityId);
          // The trail holds the document record as updated; the list adds what OCR is doing to it
          // and the pages carrying a scanner's text, which are no part of that record.
          if (e.action === 'documents.update' && now) {
            const { ocr: _ocr, scannerText: _scanner, ...record } = now;
            if (stateHash(record) === e.stateHash) n.newTitle = now.title;
          }
        } else if (e.entity === 'annotation') {
          const a = annotation.get(e.entityId);
          if (a) {
            n.document = docName(a.document_id);
            n.pages = { from: a.page_from + 1, to: a.page_to + 1 }; // stored 0-based
            // Checklist items, then rubric criteria the passage was linked to as evidence.
            const criteria = (a.criteria ? a.criteria.split('\u001f') : []).map((c) => {
              const [rubricId, criterionId] = c.split('\u001e') as [string, string];
              return rubricTitles.get(rubricId)?.criteria.get(criterionId) ?? criterionId;
            });
            n.items = [...(a.item_ids ? a.item_ids.split('\u001f') : []).map((id) => items.get(id) ?? id).sort(), ...criteria.sort()];
          }
        } else if (e.entity === 'determination') {
          n.items = [items.get(e.entityId) ?? e.entityId];
          const d = determinations.get(e.entityId);
          if (['determinations.set', 'prereview.adopt', 'prereview.adopt-edited'].includes(e.action) && d && stateHash(d) === e.stateHash) n.status = DETERMINATION_LABEL[d.status];
        } else if (e.entity === 'score') {
          const [rubricId = '', criterionId = '', consensus] = e.entityId.split(':');
          const r = rubricTitles.get(rubricId);
          n.rubric = r?.title ?? rubricId;
          n.criterion = r?.criteria.get(criterionId) ?? criterionId;
          const scorer = consensus ? CONSENSUS : e.actor;
          const s = scoresOf(scorer).find((x) => x.rubric.id === rubricId)?.scores.find((x) => x.criterionId === criterionId);
          if (s && stateHash(s) === e.stateHash) n.level = s.level;
        } else if (e.entity === 'lint-finding') {
          const [documentId = '', category = '', page = '', decision = ''] = e.entityId.split(':');
          if (decision === 'accepted' || decision === 'dismissed') n.decision = decision;
          n.document = docName(documentId);
          n.category = category === 'vascular' ? 'vascular-restraint' : category;
          if (/^\d+$/.test(page)) n.pages = { from: Number(page), to: Number(page) };
        } else if (e.action === 'cases.archive' && stateHash(c) === e.stateHash) {
          n.archived = c.archived;
        }
        return n;
      };
      return entries.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, entity: e.entity, entityId: e.entityId, sentence: describeAuditEntry(e, namesFor(e)) }));
    },
  };
}
export type History = ReturnType<typeof createHistory>;
