// A case's checklist: its pack's items (the pack version the case records, never a newer one),
// each with its determination, evidence and flags; and recording determinations by the rules.
import type { ParsedInput } from '../../../shared/contract.ts';
import { DETERMINATION_LABEL, type CaseChecklist, type ChecklistPack, type DeterminationRecord } from '../../../shared/schemas/checklist.ts';
import { ServiceError } from '../../../shared/result.ts';
import type { CasesService } from '../cases/cases-service.ts';
import type { ServiceContext } from '../context.ts';
import { LINKED_SQL, ON_OCR_SQL, toAnnotation } from '../annotations/annotations-service.ts';
import type { Packs } from './packs.ts';

interface DetRow {
  item_id: string;
  status: DeterminationRecord['status'];
  rationale: string;
  no_rule_found: number;
  stale: number;
  decided_by: string;
  decided_at: string;
  evidence: string | null;
}

const KIND_ORDER = { mandatory: 0, topic: 1, 'should-consider': 2, reporting: 3 } as const;

export function createChecklistService(ctx: ServiceContext, cases: CasesService, packs: Packs) {
  const { db } = ctx;

  function packFor(caseId: string): ChecklistPack {
    const c = cases.get(caseId);
    return packs.get(c.checklistPackId, c.checklistPackVersion);
  }

  const determinations = (caseId: string) =>
    new Map(
      db
        .prepare<[string], DetRow>(
          `SELECT d.*, (SELECT group_concat(annotation_id, char(31)) FROM determination_evidence e WHERE e.case_id = d.case_id AND e.item_id = d.item_id) AS evidence
           FROM determinations d WHERE d.case_id = ?`,
        )
        .all(caseId)
        .map((r) => [r.item_id, r]),
    );

  const toDetermination = (r: DetRow): DeterminationRecord => ({
    itemId: r.item_id,
    status: r.status,
    rationale: r.rationale,
    noRuleFound: r.no_rule_found === 1,
    evidenceIds: r.evidence ? r.evidence.split('\u001f').sort() : [],
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    stale: r.stale === 1,
  });

  return {
    packFor,
    itemExists: (caseId: string, itemId: string) => packFor(caseId).items.some((i) => i.id === itemId),
    forCase(caseId: string): CaseChecklist {
      const pack = packFor(caseId);
      const dets = determinations(caseId);
      const annotations = db
        .prepare<[string], Parameters<typeof toAnnotation>[0]>(
          `SELECT a.*, d.title, (SELECT group_concat(item_id, char(31)) FROM annotation_items ai WHERE ai.annotation_id = a.id) AS item_ids, ${LINKED_SQL}, ${ON_OCR_SQL}
           FROM annotations a JOIN documents d ON d.id = a.document_id WHERE a.case_id = ? AND a.status != 'deleted' ORDER BY d.title, a.start_offset`,
        )
        .all(caseId)
        .map(toAnnotation);
      const items = [...pack.items].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
      const entries = items.map((item) => {
        const row = dets.get(item.id);
        const evidence = annotations.filter((a) => a.itemIds.includes(item.id));
        const determination = row ? toDetermination(row) : null;
        // A determination resting on a document taken out of the case is stale until it comes back.
        if (determination && evidence.some((a) => a.status === 'document-removed' && determination.evidenceIds.includes(a.id))) determination.stale = true;
        return {
          item,
          determination,
          evidence,
          flags: { undecided: !row, stale: determination?.stale === true, contradicted: evidence.some((e) => e.stance === 'contradicts') },
        };
      });
      const mandatory = entries.filter((e) => e.item.kind === 'mandatory');
      return {
        pack: { id: pack.id, version: pack.version, title: pack.title, publisher: pack.publisher },
        entries,
        progress: {
          decided: entries.filter((e) => e.determination).length,
          total: entries.length,
          mandatoryDecided: mandatory.filter((e) => e.determination).length,
          mandatoryTotal: mandatory.length,
        },
      };
    },
    determine(input: ParsedInput<'determinations.set'>): DeterminationRecord {
      const c = cases.get(input.caseId);
      if (c.archived) throw new ServiceError('conflict', 'This case is archived. Restore it to record determinations.');
      const item = packFor(input.caseId).items.find((i) => i.id === input.itemId);
      if (!item) throw new ServiceError('not_found', `No checklist item ${input.itemId} in this case's pack.`);
      const label = DETERMINATION_LABEL[input.status];
      if (!item.allowedDeterminations.includes(input.status)) {
        throw new ServiceError('invalid_input', `“${label}” is not allowed for “${item.title}”. Choose one of: ${item.allowedDeterminations.map((s) => DETERMINATION_LABEL[s]).join(', ')}.`, { status: 'Not allowed for this item.' });
      }
      const evidenceIds = [...new Set(input.evidenceIds)];
      for (const id of evidenceIds) {
        const a = db.prepare<[string], { case_id: string; status: string }>('SELECT case_id, status FROM annotations WHERE id = ?').get(id);
        if (!a || a.case_id !== input.caseId || a.status === 'deleted') throw new ServiceError('invalid_input', `Highlight ${id} is not evidence in this case.`, { evidenceIds: 'Choose highlights from this case.' });
      }
      if (input.status === 'met' && evidenceIds.length === 0) {
        throw new ServiceError('invalid_input', 'Met needs at least one highlighted passage as evidence. Highlight the policy text this rests on and link it.', { evidenceIds: 'Link at least one highlight.' });
      }
      if (input.status === 'not_met' && evidenceIds.length === 0 && !input.noRuleFound) {
        throw new ServiceError('invalid_input', 'Not met needs a highlighted passage as evidence, or a statement that the policies contain no such rule.', { evidenceIds: 'Link a highlight, or tick “The policies contain no such rule”.' });
      }
      const at = ctx.now().toISOString();
      db.transaction(() => {
        db.prepare(
          `INSERT INTO determinations (case_id, item_id, status, rationale, no_rule_found, stale, decided_by, decided_at, decided_by_fingerprint) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)
           ON CONFLICT (case_id, item_id) DO UPDATE SET status = excluded.status, rationale = excluded.rationale, no_rule_found = excluded.no_rule_found,
             stale = 0, decided_by = excluded.decided_by, decided_at = excluded.decided_at, decided_by_fingerprint = excluded.decided_by_fingerprint, adopted_from = NULL`,
        ).run(input.caseId, input.itemId, input.status, input.rationale, input.noRuleFound && input.status === 'not_met' ? 1 : 0, ctx.actor, at, ctx.actorFingerprint);
        db.prepare('DELETE FROM determination_evidence WHERE case_id = ? AND item_id = ?').run(input.caseId, input.itemId);
        const ins = db.prepare('INSERT INTO determination_evidence (case_id, item_id, annotation_id) VALUES (?, ?, ?)');
        const link = db.prepare('INSERT OR IGNORE INTO annotation_items (annotation_id, item_id) VALUES (?, ?)');
        for (const id of evidenceIds) {
          ins.run(input.caseId, input.itemId, id);
          link.run(id, input.itemId); // evidence for an item is linked to it
        }
        cases.touch(input.caseId);
      })();
      return toDetermination(determinations(input.caseId).get(input.itemId)!);
    },
    clear(caseId: string, itemId: string): boolean {
      cases.get(caseId);
      const r = db.prepare('DELETE FROM determinations WHERE case_id = ? AND item_id = ?').run(caseId, itemId);
      return r.changes > 0;
    },
  };
}
export type ChecklistService = ReturnType<typeof createChecklistService>;
