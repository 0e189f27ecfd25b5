import { DEFAULT_CHECKLIST_PACK, type CaseRecord } from '../../../shared/schemas/case.ts';
import type { ParsedInput } from '../../../shared/contract.ts';
import { ServiceError } from '../../../shared/result.ts';
import type { ServiceContext } from '../context.ts';

interface CaseRow {
  id: string;
  agency_name: string;
  ori: string;
  state: string;
  agency_type: CaseRecord['agencyType'];
  jurisdiction: CaseRecord['jurisdiction'];
  checklist_pack_id: string;
  checklist_pack_version: string;
  due_date: string | null;
  status: CaseRecord['status'];
  archived_at: string | null;
  is_sample: number;
  created_at: string;
  updated_at: string;
  document_count: number;
}

const SELECT = `
  SELECT c.*, (SELECT count(*) FROM case_documents cd WHERE cd.case_id = c.id) AS document_count
  FROM cases c`;

const toRecord = (r: CaseRow): CaseRecord => ({
  id: r.id,
  agencyName: r.agency_name,
  ori: r.ori,
  state: r.state,
  agencyType: r.agency_type,
  jurisdiction: r.jurisdiction,
  checklistPackId: r.checklist_pack_id,
  checklistPackVersion: r.checklist_pack_version,
  dueDate: r.due_date,
  status: r.status,
  archived: r.archived_at !== null,
  isSample: r.is_sample === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  documentCount: r.document_count,
});

export function createCasesService(ctx: ServiceContext) {
  const { db } = ctx;
  const getRow = db.prepare<[string], CaseRow>(`${SELECT} WHERE c.id = ?`);

  function get(id: string): CaseRecord {
    const row = getRow.get(id);
    if (!row) throw new ServiceError('not_found', `No case with id ${id} in this workspace. It may be in another data folder.`);
    return toRecord(row);
  }

  return {
    get,
    list(input: ParsedInput<'cases.list'>): CaseRecord[] {
      const rows = db.prepare<[], CaseRow>(`${SELECT} ${input.includeArchived ? '' : 'WHERE c.archived_at IS NULL'} ORDER BY c.updated_at DESC`).all();
      return rows.map(toRecord);
    },
    create(input: Omit<ParsedInput<'cases.create'>, 'allowDuplicateOri'> & { allowDuplicateOri?: boolean }, options: { isSample?: boolean } = {}): CaseRecord {
      // Two cases for one agency split its evidence: say so, and name the case to open instead.
      const same = db.prepare<[string], { id: string; agency_name: string; archived_at: string | null }>('SELECT id, agency_name, archived_at FROM cases WHERE ori = ? ORDER BY created_at LIMIT 1').get(input.ori);
      if (same && !input.allowDuplicateOri && !options.isSample) {
        throw new ServiceError(
          'conflict',
          `A case for ${input.ori} exists: ${same.agency_name} (${same.id}${same.archived_at ? ', archived' : ''}). Open it, or create another case anyway.`,
          { ori: `A case for ${input.ori} exists.`, existingCaseId: same.id },
        );
      }
      const id = ctx.newId();
      const at = ctx.now().toISOString();
      db.prepare(
        `INSERT INTO cases (id, agency_name, ori, state, agency_type, jurisdiction, checklist_pack_id,
           checklist_pack_version, due_date, status, is_sample, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`,
      ).run(
        id, input.agencyName, input.ori, input.state, input.agencyType, input.jurisdiction,
        DEFAULT_CHECKLIST_PACK.id, DEFAULT_CHECKLIST_PACK.version, input.dueDate, options.isSample ? 1 : 0, at, at,
      );
      return get(id);
    },
    update(input: ParsedInput<'cases.update'>): CaseRecord {
      const current = get(input.id);
      const p = input.patch;
      const next = {
        agencyName: p.agencyName ?? current.agencyName,
        ori: p.ori ?? current.ori,
        state: p.state ?? current.state,
        agencyType: p.agencyType !== undefined ? p.agencyType : current.agencyType,
        jurisdiction: p.jurisdiction !== undefined ? p.jurisdiction : current.jurisdiction,
        dueDate: p.dueDate !== undefined ? p.dueDate : current.dueDate,
      };
      // The patch was checked on its own; the ORI/state pair must also agree once merged.
      if (next.ori.slice(0, 2) !== next.state) {
        throw new ServiceError('invalid_input', `The ORI starts with ${next.ori.slice(0, 2)} but the state is ${next.state}: correct one of them.`, {
          ori: `The ORI must start with ${next.state}.`,
        });
      }
      db.prepare(
        `UPDATE cases SET agency_name = ?, ori = ?, state = ?, agency_type = ?, jurisdiction = ?, due_date = ?, updated_at = ? WHERE id = ?`,
      ).run(next.agencyName, next.ori, next.state, next.agencyType, next.jurisdiction, next.dueDate, ctx.now().toISOString(), input.id);
      return get(input.id);
    },
    archive(input: ParsedInput<'cases.archive'>): CaseRecord {
      get(input.id);
      db.prepare(`UPDATE cases SET archived_at = ?, updated_at = ? WHERE id = ?`).run(
        input.archived ? ctx.now().toISOString() : null,
        ctx.now().toISOString(),
        input.id,
      );
      return get(input.id);
    },
    /**
     * Deleting erases the case's audit trail with it, so it is allowed only while nothing has been
     * decided (no determinations, scores, workflow steps or packets) and when the agency's name is
     * typed back; otherwise archive. The workspace keeps one line about the deleted case.
     */
    remove(input: ParsedInput<'cases.delete'>): { id: string; agencyName: string; deleted: true } {
      const c = get(input.id);
      if (input.confirmAgencyName.trim().toLowerCase() !== c.agencyName.trim().toLowerCase()) {
        throw new ServiceError('invalid_input', `Type the agency's name exactly (“${c.agencyName}”) to delete this case.`, { confirmAgencyName: `Type “${c.agencyName}”.` });
      }
      const count = (sql: string) => (db.prepare<[string], { n: number }>(sql).get(input.id)?.n ?? 0);
      const decided = [
        [count('SELECT count(*) AS n FROM determinations WHERE case_id = ?'), 'determination', 'determinations'],
        [count('SELECT count(*) AS n FROM scores WHERE case_id = ?'), 'rubric score', 'rubric scores'],
        [count('SELECT count(*) AS n FROM review_events WHERE case_id = ?'), 'workflow step', 'workflow steps'],
        [count('SELECT count(*) AS n FROM packets WHERE case_id = ?'), 'signed packet', 'signed packets'],
      ] as const;
      const held = decided.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
      if (held.length || c.status !== 'draft') {
        throw new ServiceError('conflict', `This case holds ${held.length ? held.join(', ') : `a ${c.status} review`}: deleting it would erase its audit trail. Archive it instead (it can be restored).`);
      }
      db.transaction(() => {
        const head = db.prepare<[string], { hash: string; seq: number }>('SELECT hash, seq FROM audit_log WHERE case_id = ? ORDER BY seq DESC LIMIT 1').get(input.id);
        const own = `SELECT id FROM annotations WHERE case_id = ?`;
        db.prepare(`DELETE FROM annotation_items WHERE annotation_id IN (${own})`).run(input.id);
        db.prepare('DELETE FROM criterion_evidence WHERE case_id = ?').run(input.id);
        for (const table of ['lint_decisions', 'carry_after_ocr', 'annotations', 'case_documents', 'case_rubrics', 'audit_log']) db.prepare(`DELETE FROM ${table} WHERE case_id = ?`).run(input.id);
        db.prepare('DELETE FROM cases WHERE id = ?').run(input.id);
        db.prepare(`INSERT INTO deleted_cases (id, agency_name, ori, documents, audit_entries, audit_head, deleted_by, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
          c.id, c.agencyName, c.ori, c.documentCount, head?.seq ?? 0, head?.hash ?? '', ctx.actor, ctx.now().toISOString(),
        );
        // A deleted sample is not offered again at the next start.
        db.prepare(`DELETE FROM meta WHERE key = 'sample_case_id' AND value = ?`).run(input.id);
      }).immediate();
      return { id: c.id, agencyName: c.agencyName, deleted: true };
    },
    touch(id: string): void {
      db.prepare(`UPDATE cases SET updated_at = ? WHERE id = ?`).run(ctx.now().toISOString(), id);
    },
  };
}
export type CasesService = ReturnType<typeof createCasesService>;
