// The review workflow: Draft → Submitted (reviewer) → Returned with comments, or Approved (lead)
// → Signed (lead, with the passphrase: the packet is built and signed then) → Exported.
// The two-person rule is about people, not labels: a lead may not approve or sign a case whose
// determinations were made with their key, or by an identity sharing their name or e-mail, or
// that was submitted by such an identity — unless the workspace allows single-person review,
// and then the waiver is written into the case's audit trail and the packet says so.
// What Credence cannot do: prove that two keys with different names and e-mails belong to two
// people. The packet names every person with their key fingerprint; matching those keys to the
// body's roster of staff is the credentialing body's own control.
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
import { personKey, type Identities, type Identity } from '../identity/identities-service.ts';
import { actorLabel, type Session } from '../identity/session.ts';
import { readMeta, writeMeta } from '../meta.ts';
import { buildFindings, type Findings } from '../packet/findings.ts';
import { buildPacket } from '../packet/packet.ts';
import type { RubricsService } from '../rubrics/rubrics-service.ts';
import type { ScorecardService } from '../prereview/scorecard-service.ts';
import type { ScorecardRow } from '../../../shared/domain/prereview/scorecard.ts';
import type { AcknowledgedGap, GapKind } from '../../../shared/schemas/sign-summary.ts';
import { createSignOff, packetRubrics } from './sign-off.ts';
import { packetSources, SOURCES_SCHEMA } from '../packet/sources.ts';

type Status = CaseRecord['status'];


/** Two identities that may be one person: the same key, or the same name or e-mail. */
const samePerson = (a: Identity, b: Identity) => a.fingerprint === b.fingerprint || personKey(a.name) === personKey(b.name) || personKey(a.email) === personKey(b.email);

const NEXT: Record<Status, string> = {
  draft: 'A reviewer completes the mandatory items and submits the case.',
  returned: 'The reviewer addresses the lead’s comments and submits again.',
  submitted: 'A review lead approves the case or returns it with comments.',
  approved: 'A review lead signs the packet with their passphrase.',
  signed: 'Export the signed packet and send it to the agency.',
  exported: 'Done. The packet can be exported again at any time.',
};

export function createReview(ctx: ServiceContext, deps: { cases: CasesService; checklist: ChecklistService; identities: Identities; rubrics: RubricsService; audit: Audit; session: Session; scorecard: ScorecardService }) {
  const { db } = ctx;
  const { cases, checklist, identities, rubrics, audit, session } = deps;
  const signOff = createSignOff(ctx, { cases, checklist, rubrics });

  const singlePerson = () => readMeta(db, 'single_person_review') === '1';

  function requireIdentity(role?: Identity['role']): Identity {
    const me = session.require();
    if (role && me.role !== role) throw new ServiceError('forbidden', `Only a ${role === 'lead' ? 'review lead' : 'reviewer'} may do this; ${me.name} is a ${me.role === 'lead' ? 'review lead' : 'reviewer'}.`);
    return me;
  }

  function transition(caseId: string, from: Status[], to: Status, action: string, comment = '', alsoRecord?: () => void): CaseRecord {
    const c = cases.get(caseId);
    if (c.archived) throw new ServiceError('conflict', 'This case is archived. Restore it first.');
    if (!from.includes(c.status)) throw new ServiceError('conflict', `A case that is ${c.status} cannot be ${action}. ${NEXT[c.status]}`);
    db.transaction(() => {
      alsoRecord?.();
      db.prepare('UPDATE cases SET status = ?, updated_at = ? WHERE id = ?').run(to, ctx.now().toISOString(), caseId);
      db.prepare('INSERT INTO review_events (case_id, at, actor, action, from_status, to_status, comment, actor_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(caseId, ctx.now().toISOString(), ctx.actor, action, c.status, to, comment, ctx.actorFingerprint);
      audit.append(caseId, ctx.actor, `review.${action}`, 'case', caseId, { status: to, comment });
    }).immediate();
    return cases.get(caseId);
  }

  /**
   * Why this lead may not approve or sign the case alone: determinations made with their key (or,
   * for rows from before keys were recorded, under their label), or by an identity sharing their
   * name or e-mail, and a submission by such an identity.
   */
  function sameHands(caseId: string, lead: Identity): string[] {
    const reasons: string[] = [];
    const own = (db.prepare('SELECT count(*) AS n FROM determinations WHERE case_id = ? AND (decided_by_fingerprint = ? OR (decided_by_fingerprint IS NULL AND decided_by = ?))').get(caseId, lead.fingerprint, actorLabel(lead)) as { n: number }).n;
    if (own > 0) reasons.push(`${lead.name} made ${own} of this case's determinations`);
    // Rows from before keys were recorded name their maker only by label: resolved through every
    // identity, retired duplicates included.
    const resolve = (fp: string | null, label: string) => (fp ? identities.byFingerprint(fp) : identities.byLabel(label));
    const others = db
      .prepare<[string, string], { fp: string | null; label: string; n: number }>('SELECT decided_by_fingerprint AS fp, decided_by AS label, count(*) AS n FROM determinations WHERE case_id = ? AND coalesce(decided_by_fingerprint, \'\') != ? GROUP BY decided_by_fingerprint, decided_by')
      .all(caseId, lead.fingerprint);
    for (const o of others) {
      const who = resolve(o.fp, o.label);
      if (who && who.fingerprint !== lead.fingerprint && samePerson(who, lead)) reasons.push(`${o.n} determination(s) were made by ${actorLabel(who)}, who shares ${lead.name}'s name or e-mail`);
    }
    const submitted = db.prepare<[string], { fp: string | null; label: string }>("SELECT actor_fingerprint AS fp, actor AS label FROM review_events WHERE case_id = ? AND action = 'submitted' ORDER BY id DESC LIMIT 1").get(caseId);
    const submitter = submitted ? resolve(submitted.fp, submitted.label) : null;
    if (submitter && samePerson(submitter, lead)) reasons.push(`the case was submitted by ${actorLabel(submitter)}, who shares ${lead.name}'s ${submitter.fingerprint === lead.fingerprint ? 'key' : 'name or e-mail'}`);
    return reasons;
  }
  /** Refuses, or — under single-person review — returns the waiver to write with the transition. */
  function twoPersonRule(caseId: string, lead: Identity, what: string): (() => void) | undefined {
    const reasons = sameHands(caseId, lead);
    if (reasons.length === 0) return undefined;
    if (!singlePerson()) {
      throw new ServiceError('forbidden', `${lead.name} may not ${what} this case: ${reasons.join('; ')}. Another lead must, or the workspace must allow single-person review (recorded in the case's audit trail and the packet). Nothing changed.`);
    }
    return () => audit.append(caseId, ctx.actor, 'review.two-person-rule-waived', 'case', caseId, { step: what, lead: lead.fingerprint, reasons });
  }
  /**
   * Who made each determination, from the audit trail (everyone who set or cleared it, in order)
   * and the determination row's own key; labels resolve to identities, so a name shown comes
   * with its key. A label no identity holds (work from before identities were required) is shown
   * without a key rather than dropped.
   */
  function people(caseId: string) {
    const all = db.prepare<[], { name: string; email: string; fingerprint: string; retired_reason: string | null }>('SELECT name, email, fingerprint, retired_reason FROM identities ORDER BY retired_reason IS NOT NULL, created_at').all();
    const byLabel = new Map<string, string>();
    for (const i of all) if (!byLabel.has(actorLabel(i))) byLabel.set(actorLabel(i), i.fingerprint);
    const byFp = new Map(all.map((i) => [i.fingerprint, actorLabel(i)]));
    const madeBy: Record<string, Array<{ person: string; fingerprint: string | null }>> = {};
    const add = (itemId: string, person: string, fingerprint: string | null) => {
      const list = (madeBy[itemId] ??= []);
      if (!list.some((x) => x.person === person && x.fingerprint === fingerprint)) list.push({ person, fingerprint });
    };
    for (const e of audit.list(caseId)) {
      if (e.action === 'determinations.set' || e.action === 'determinations.clear') add(e.entityId, e.actor, byLabel.get(e.actor) ?? null);
    }
    for (const d of db.prepare<[string], { item_id: string; decided_by: string; fp: string | null }>('SELECT item_id, decided_by, decided_by_fingerprint AS fp FROM determinations WHERE case_id = ?').all(caseId)) {
      const fp = d.fp ?? byLabel.get(d.decided_by) ?? null;
      add(d.item_id, (fp && byFp.get(fp)) || d.decided_by, fp);
    }
    // A label known only from the audit trail (its identity is on another machine, say) is
    // dropped where the determination row gives the same person with a key.
    for (const [itemId, list] of Object.entries(madeBy)) madeBy[itemId] = list.filter((x) => x.fingerprint || !list.some((y) => y.fingerprint && y.person === x.person));
    const keyed = new Map<string, string>();
    for (const list of Object.values(madeBy)) for (const x of list) if (x.fingerprint) keyed.set(x.fingerprint, x.person);
    const singlePersonReviewLog = audit
      .list(caseId)
      .filter((e) => e.action.startsWith('review.single-person-review-') || e.action === 'review.two-person-rule-waived')
      .map((e) => ({ at: e.at, actor: e.actor, action: e.action.replace(/^review\./, '') }));
    return { people: [...keyed].map(([fingerprint, person]) => ({ person, fingerprint })).sort((a, b) => a.person.localeCompare(b.person)), madeBy, singlePersonReviewLog };
  }
  /** The case went through under single-person review since it was last submitted. */
  function waivedSinceSubmission(caseId: string): boolean {
    const entries = audit.list(caseId);
    const lastSubmit = entries.map((e) => e.action).lastIndexOf('review.submitted');
    return entries.slice(lastSubmit + 1).some((e) => e.action === 'review.two-person-rule-waived');
  }

  /** Runs fn with the clock stopped at `at`: every row and audit entry of one signature shares its instant. */
  function atInstant<T>(at: Date, fn: () => T): T {
    const clock = ctx.now;
    ctx.now = () => at;
    try {
      return fn();
    } finally {
      ctx.now = clock;
    }
  }
  /** What fn returns when run in a write transaction that is then rolled back: a preview that writes nothing. */
  function rolledBack<T>(fn: () => T): T {
    const undo = new Error('rolled back on purpose');
    let out: T | undefined;
    try {
      db.transaction(() => {
        out = fn();
        throw undo;
      }).immediate();
    } catch (err) {
      if (err !== undo) throw err;
    }
    return out as T;
  }
  function findingsFor(caseId: string, lead: Identity, acknowledgedGaps: AcknowledgedGap[], scorecard: ScorecardRow[]) {
    const c = cases.get(caseId);
    return buildFindings(c, checklist.forCase(caseId), packetRubrics(ctx, rubrics, caseId), { generatedAt: ctx.now().toISOString(), lead: { name: lead.name, email: lead.email, fingerprint: lead.fingerprint }, singlePersonReview: waivedSinceSubmission(caseId), ...people(caseId), acknowledgedGaps, scorecard });
  }
  /** The signed packet's bytes (synchronous: it runs inside the signing transaction). */
  function packetFrom(caseId: string, lead: Identity, findings: Findings, docx: Uint8Array, privateKey: crypto.KeyObject, publicKey: crypto.KeyObject): Uint8Array {
    const c = cases.get(caseId);
    const createdAt = findings.generatedAt;
    const sources = packetSources(db, caseId);
    // The signing itself is an audited event, so the head the manifest names includes it.
    const head = audit.append(caseId, ctx.actor, 'packet.signed', 'case', caseId, { signer: lead.fingerprint, createdAt });
    const auditLines = audit.list(caseId).map((e) => JSON.stringify(e)).join('\n') + '\n';
    return buildPacket(
      {
        'findings.docx': docx,
        'findings.json': strToU8(`${JSON.stringify(findings, null, 2)}\n`),
        'sources.json': strToU8(`${JSON.stringify({ schema: SOURCES_SCHEMA, documents: sources }, null, 2)}\n`),
        'audit.jsonl': strToU8(auditLines),
      },
      {
        caseId,
        agency: c.agencyName,
        createdAt,
        checklistPack: { id: findings.checklistPack.id, version: findings.checklistPack.version },
        rubricPacks: findings.rubrics.map((r) => ({ id: r.id, version: r.version })),
        auditHead: head.hash,
        singlePersonReview: findings.singlePersonReview,
        signer: { name: lead.name, email: lead.email, fingerprint: lead.fingerprint },
      },
      privateKey,
      publicKey,
    );
  }

  return {
    /**
     * Single-person review is a workspace setting; turning it on or off is written into every
     * case's audit trail (so each case's packet can show when it held), with who did it.
     */
    settings(input: { singlePersonReview?: boolean }) {
      if (input.singlePersonReview !== undefined && input.singlePersonReview !== singlePerson()) {
        const me = session.require();
        const on = input.singlePersonReview;
        db.transaction(() => {
          writeMeta(db, 'single_person_review', on ? '1' : '0');
          writeMeta(db, 'single_person_review_changed', JSON.stringify({ on, at: ctx.now().toISOString(), by: actorLabel(me), fingerprint: me.fingerprint }));
          for (const { id } of db.prepare<[], { id: string }>('SELECT id FROM cases ORDER BY created_at').all()) {
            audit.append(id, ctx.actor, on ? 'review.single-person-review-on' : 'review.single-person-review-off', 'workspace', 'single-person-review', { singlePersonReview: on, by: me.fingerprint });
          }
        })();
      }
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
      const waiver = twoPersonRule(caseId, lead, 'approve');
      return transition(caseId, ['submitted'], 'approved', 'approved', '', waiver);
    },
    /** What signing would cover: the gaps to acknowledge, for the dialog and the CLI alike. */
    signSummary: (caseId: string) => signOff.summary(caseId),
    async sign(caseId: string, passphrase: string, acknowledge: readonly GapKind[] = []): Promise<CaseRecord> {
      const lead = requireIdentity('lead');
      const waiver = twoPersonRule(caseId, lead, 'sign');
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
      // Signing is one change: the waiver, "packet.signed", the status, its event, "review.signed"
      // and the packet row commit together or not at all. Only the DOCX is built asynchronously,
      // so it is built first, from the findings as they will read once the waiver is written
      // (worked out in a transaction that is rolled back), all at one instant; the transaction
      // that writes then checks the findings still read the same.
      // The scorecard comes from the pre-review (read by its worker where not stored): asked first.
      const scorecard = await deps.scorecard.forCase(caseId);
      const at = ctx.now();
      const planned = atInstant(at, () => rolledBack(() => (waiver?.(), findingsFor(caseId, lead, acknowledgedGaps, scorecard))));
      // The DOCX writer (docx, resvg: ~4 MB of heap) is loaded on the first signature, not when a
      // workspace opens: the main thread's heap stays small, and so do its garbage collections
      // (a full one costs ~20 ms a 20 MB here, and the window waits behind it).
      const { findingsDocx } = await import('../packet/docx.ts');
      const docx = new Uint8Array(await findingsDocx(planned));
      return atInstant(at, () =>
        db.transaction(() => {
          const now = cases.get(caseId);
          if (now.status !== 'approved') throw new ServiceError('conflict', `The case became ${now.status} while its packet was being built. Nothing was signed.`);
          waiver?.();
          const findings = findingsFor(caseId, lead, acknowledgedGaps, scorecard);
          if (JSON.stringify(findings) !== JSON.stringify(planned)) throw new ServiceError('conflict', 'The case changed while its packet was being built. Sign again. Nothing was signed.');
          const zip = packetFrom(caseId, lead, findings, docx, privateKey, publicKey);
          const signed = transition(caseId, ['approved'], 'signed', 'signed');
          db.prepare('INSERT INTO packets (id, case_id, created_at, signer_fingerprint, zip) VALUES (?, ?, ?, ?, ?)').run(ctx.newId(), caseId, ctx.now().toISOString(), lead.fingerprint, Buffer.from(zip));
          return signed;
        }).immediate(),
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
        db.prepare('INSERT INTO review_events (case_id, at, actor, action, from_status, to_status, comment, actor_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(caseId, ctx.now().toISOString(), ctx.actor, 'reopened', c.status, 'draft', 'Edited after approval', ctx.actorFingerprint);
      }
    },
  };
}
export type Review = ReturnType<typeof createReview>;
