// The review workflow: Draft → Submitted (reviewer) → Returned with comments, or Approved (lead)
// → Signed (lead, with the passphrase: the packet is built and signed then) → Exported.
// The two-person rule: a lead may not approve or sign a case in which they made determinations,
// unless the workspace allows single-person review — which the packet then records.
import crypto from 'node:crypto';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import { strToU8 } from 'fflate';
import type { CaseRecord } from '../../../shared/schemas/case.ts';
import { ServiceError } from '../../../shared/result.ts';
import type { Audit } from '../audit/audit-service.ts';
import type { CasesService } from '../cases/cases-service.ts';
import type { ChecklistService } from '../checklists/checklist-service.ts';
import type { ServiceContext } from '../context.ts';
import type { Identities, Identity } from '../identity/identities-service.ts';
import { readMeta, writeMeta } from '../meta.ts';
import { findingsDocx } from '../packet/docx.ts';
import { buildFindings } from '../packet/findings.ts';
import { buildPacket } from '../packet/packet.ts';
import type { RubricsService } from '../rubrics/rubrics-service.ts';
import type { AcknowledgedGap, GapKind } from '../../../shared/schemas/sign-summary.ts';
import { createSignOff, packetRubrics } from './sign-off.ts';

type Status = CaseRecord['status'];

export const actorLabel = (i: Pick<Identity, 'name' | 'email'>) => `${i.name} <${i.email}>`;

const NEXT: Record<Status, string> = {
  draft: 'A reviewer completes the mandatory items and submits the case.',
  returned: 'The reviewer addresses the lead’s comments and submits again.',
  submitted: 'A review lead approves the case or returns it with comments.',
  approved: 'A review lead signs the packet with their passphrase.',
  signed: 'Export the signed packet and send it to the agency.',
  exported: 'Done. The packet can be exported again at any time.',
};

export function createReview(ctx: ServiceContext, deps: { cases: CasesService; checklist: ChecklistService; identities: Identities; rubrics: RubricsService; audit: Audit }) {
  const { db } = ctx;
  const { cases, checklist, identities, rubrics, audit } = deps;
  let current: Identity | null = null;
  const signOff = createSignOff(ctx, { cases, checklist, rubrics });

  const singlePerson = () => readMeta(db, 'single_person_review') === '1';

  function requireIdentity(role?: Identity['role']): Identity {
    if (!current) throw new ServiceError('forbidden', 'Choose who you are first: create or select an identity (CLI: --identity ID).');
    if (role && current.role !== role) throw new ServiceError('forbidden', `Only a ${role === 'lead' ? 'review lead' : 'reviewer'} may do this; ${current.name} is a ${current.role === 'lead' ? 'review lead' : 'reviewer'}.`);
    return current;
  }

  function transition(caseId: string, from: Status[], to: Status, action: string, comment = ''): CaseRecord {
    const c = cases.get(caseId);
    if (c.archived) throw new ServiceError('conflict', 'This case is archived. Restore it first.');
    if (!from.includes(c.status)) throw new ServiceError('conflict', `A case that is ${c.status} cannot be ${action}. ${NEXT[c.status]}`);
    db.transaction(() => {
      db.prepare('UPDATE cases SET status = ?, updated_at = ? WHERE id = ?').run(to, ctx.now().toISOString(), caseId);
      db.prepare('INSERT INTO review_events (case_id, at, actor, action, from_status, to_status, comment) VALUES (?, ?, ?, ?, ?, ?, ?)').run(caseId, ctx.now().toISOString(), ctx.actor, action, c.status, to, comment);
      audit.append(caseId, ctx.actor, `review.${action}`, 'case', caseId, { status: to, comment });
    }).immediate();
    return cases.get(caseId);
  }

  /** Determinations this lead made in the case: the two-person rule forbids approving their own. */
  function ownDeterminations(caseId: string, lead: Identity): number {
    return (db.prepare('SELECT count(*) AS n FROM determinations WHERE case_id = ? AND decided_by = ?').get(caseId, actorLabel(lead)) as { n: number }).n;
  }
  function twoPersonRule(caseId: string, lead: Identity, what: string) {
    const own = ownDeterminations(caseId, lead);
    if (own > 0 && !singlePerson()) {
      throw new ServiceError('forbidden', `${lead.name} made ${own} of this case's determinations and so may not ${what} it: another lead must, or the workspace must allow single-person review (recorded in the packet).`);
    }
  }

  return {
    get current() {
      return current;
    },
    use(identityId: string | null): Identity | null {
      current = identityId ? identities.get(identityId) : null;
      ctx.actor = current ? actorLabel(current) : ctx.defaultActor;
      return current;
    },
    settings(input: { singlePersonReview?: boolean }) {
      if (input.singlePersonReview !== undefined) writeMeta(db, 'single_person_review', input.singlePersonReview ? '1' : '0');
      return { singlePersonReview: singlePerson() };
    },
    state(caseId: string) {
      const c = cases.get(caseId);
      const history = db
        .prepare<[string], { at: string; actor: string; action: string; from_status: string; to_status: string; comment: string }>('SELECT at, actor, action, from_status, to_status, comment FROM review_events WHERE case_id = ? ORDER BY id')
        .all(caseId)
        .map((r) => ({ at: r.at, actor: r.actor, action: r.action, from: r.from_status, to: r.to_status, comment: r.comment }));
      const packet = db.prepare<[string], { id: string; created_at: string }>('SELECT id, created_at FROM packets WHERE case_id = ? ORDER BY created_at DESC LIMIT 1').get(caseId);
      return { status: c.status, next: NEXT[c.status], history, singlePersonReview: singlePerson(), packet: packet ? { id: packet.id, createdAt: packet.created_at } : null };
    },
    submit(caseId: string): CaseRecord {
      requireIdentity('reviewer');
      const cl = checklist.forCase(caseId);
      const open = cl.entries.filter((e) => e.item.kind === 'mandatory' && !e.determination);
      if (open.length) throw new ServiceError('conflict', `Decide the mandatory items before submitting: ${open.map((e) => e.item.title).join('; ')}.`);
      return transition(caseId, ['draft', 'returned'], 'submitted', 'submitted');
    },
    returnCase(caseId: string, comment: string): CaseRecord {
      requireIdentity('lead');
      if (!comment.trim()) throw new ServiceError('invalid_input', 'Say what the reviewer should change.', { comment: 'A comment is required.' });
      return transition(caseId, ['submitted', 'approved'], 'returned', 'returned', comment);
    },
    approve(caseId: string): CaseRecord {
      const lead = requireIdentity('lead');
      twoPersonRule(caseId, lead, 'approve');
      return transition(caseId, ['submitted'], 'approved', 'approved');
    },
    /** What signing would cover: the gaps to acknowledge, for the dialog and the CLI alike. */
    signSummary: (caseId: string) => signOff.summary(caseId),
    async sign(caseId: string, passphrase: string, acknowledge: readonly GapKind[] = []): Promise<CaseRecord> {
      const lead = requireIdentity('lead');
      twoPersonRule(caseId, lead, 'sign');
      const c = cases.get(caseId);
      if (c.status !== 'approved') throw new ServiceError('conflict', `A case that is ${c.status} cannot be signed. ${NEXT[c.status]}`);
      const acknowledgedGaps = signOff.acknowledged(caseId, acknowledge);
      let privateKey: crypto.KeyObject;
      try {
        privateKey = identities.privateKey(lead.id, passphrase);
      } catch (err) {
        if (err instanceof ServiceError) throw new ServiceError(err.code, `${err.message} Nothing was signed.`, err.fields);
        throw err;
      }
      const publicKey = crypto.createPublicKey(lead.publicKeyPem);
      const zip = await this.buildSignedPacket(caseId, lead, privateKey, publicKey, acknowledgedGaps);
      const signed = transition(caseId, ['approved'], 'signed', 'signed');
      db.prepare('INSERT INTO packets (id, case_id, created_at, signer_fingerprint, zip) VALUES (?, ?, ?, ?, ?)').run(ctx.newId(), caseId, ctx.now().toISOString(), lead.fingerprint, Buffer.from(zip));
      return signed;
    },
    async buildSignedPacket(caseId: string, lead: Identity, privateKey: crypto.KeyObject, publicKey: crypto.KeyObject, acknowledgedGaps: AcknowledgedGap[] = []): Promise<Uint8Array> {
      const c = cases.get(caseId);
      const cl = checklist.forCase(caseId);
      const scored = packetRubrics(ctx, rubrics, caseId);
      const createdAt = ctx.now().toISOString();
      const findings = buildFindings(c, cl, scored, { generatedAt: createdAt, lead: { name: lead.name, email: lead.email, fingerprint: lead.fingerprint }, singlePersonReview: singlePerson() && ownDeterminations(caseId, lead) > 0, acknowledgedGaps });
      const sources = db
        .prepare<[string], { original_name: string; title: string; sha256: string; page_count: number }>('SELECT d.original_name, d.title, d.sha256, d.page_count FROM case_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.case_id = ? ORDER BY d.title')
        .all(caseId)
        .map((d) => ({ name: d.original_name, title: d.title, sha256: d.sha256, pages: d.page_count }));
      // The signing itself is an audited event, so the head the manifest names includes it.
      const head = audit.append(caseId, ctx.actor, 'packet.signed', 'case', caseId, { signer: lead.fingerprint, createdAt });
      const auditLines = audit.list(caseId).map((e) => JSON.stringify(e)).join('\n') + '\n';
      return buildPacket(
        {
          'findings.docx': new Uint8Array(await findingsDocx(findings)),
          'findings.json': strToU8(`${JSON.stringify(findings, null, 2)}\n`),
          'sources.json': strToU8(`${JSON.stringify({ schema: 'credence.sources/1', documents: sources }, null, 2)}\n`),
          'audit.jsonl': strToU8(auditLines),
        },
        {
          caseId,
          agency: c.agencyName,
          createdAt,
          checklistPack: { id: cl.pack.id, version: cl.pack.version },
          rubricPacks: scored.map((r) => ({ id: r.rubric.id, version: r.rubric.version })),
          auditHead: head.hash,
          singlePersonReview: findings.singlePersonReview,
          signer: { name: lead.name, email: lead.email, fingerprint: lead.fingerprint },
        },
        privateKey,
        publicKey,
      );
    },
    /** Writes the signed packet atomically: a temporary file renamed into place, never a partial .zip. */
    exportPacket(caseId: string, outPath: string): { path: string; bytes: number } {
      const c = cases.get(caseId);
      const row = db.prepare<[string], { zip: Buffer }>('SELECT zip FROM packets WHERE case_id = ? ORDER BY created_at DESC LIMIT 1').get(caseId);
      if (!row || !['signed', 'exported'].includes(c.status)) throw new ServiceError('conflict', `There is no signed packet for this case yet. ${NEXT[c.status]}`);
      const out = path.resolve(outPath);
      try {
        writeFileAtomic(out, row.zip);
      } catch (err) {
        throw new ServiceError('bad_file', `The packet could not be written to ${out}: ${(err as Error).message}`);
      }
      if (c.status === 'signed') transition(caseId, ['signed'], 'exported', 'exported');
      else audit.append(caseId, ctx.actor, 'review.exported-again', 'case', caseId, { path: path.basename(out) });
      return { path: out, bytes: row.zip.byteLength };
    },
    /** An edit to an approved or signed case reopens it: the approval or signature no longer covers it. */
    reopenIfNeeded(caseId: string) {
      const c = cases.get(caseId);
      if (c.status === 'approved' || c.status === 'signed' || c.status === 'exported') {
        db.prepare('UPDATE cases SET status = ? WHERE id = ?').run('draft', caseId);
        db.prepare('INSERT INTO review_events (case_id, at, actor, action, from_status, to_status, comment) VALUES (?, ?, ?, ?, ?, ?, ?)').run(caseId, ctx.now().toISOString(), ctx.actor, 'reopened', c.status, 'draft', 'Edited after approval');
      }
    },
  };
}
export type Review = ReturnType<typeof createReview>;
