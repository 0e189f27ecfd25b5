// One person cannot satisfy the two-person rule: not with their own key (a lead who made
// determinations), and not with a second identity sharing their name or e-mail (here one that
// an upgrade found and retired, whose earlier work is still on the case). Each refusal changes
// nothing. Under single-person review the waiver is audited per case and printed in the packet.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/db/migrate.ts';
import { MIGRATIONS } from '../../electron/db/migrations/index.ts';
import { LEAD, REVIEWER, TEST_PASSPHRASE, tempDir, tempWorkspace } from '../support/workspace.ts';
import { snapshot } from '../support/snapshot.ts';
import { v5Identity } from '../support/legacy.ts';
import { docxParagraphs } from '../support/docx-text.ts';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((f) => f()));

/** A case with both mandatory items decided (no evidence needed for these statuses) and submitted by the reviewer. */
async function submittedCase(t: ReturnType<typeof tempWorkspace>, leadDecides: boolean) {
  t.actAs(REVIEWER);
  const c = await t.call('cases.create', { agencyName: 'Riverside Police Department', ori: 'IL9990000', state: 'IL' });
  await t.call('determinations.set', { caseId: c.id, itemId: 'mandatory.adherence-to-law', status: 'needs_information', rationale: 'Ask for the state-law section.' });
  if (leadDecides) t.actAs(LEAD);
  await t.call('determinations.set', { caseId: c.id, itemId: 'mandatory.chokehold', status: 'not_met', rationale: 'No rule on chokeholds.', noRuleFound: true });
  t.actAs(REVIEWER);
  await t.call('review.submit', { caseId: c.id });
  t.actAs(LEAD);
  return c.id as string;
}

describe('the two-person rule', () => {
  it('refuses a lead whose key made a determination, to approve or to sign, changing nothing', async () => {
    const t = tempWorkspace();
    cleanups.push(t.cleanup);
    const caseId = await submittedCase(t, true);
    const before = snapshot(t.ws.ctx.db);
    expect(await t.ws.dispatch('review.approve', { caseId })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining("Leo Lead may not approve this case: Leo Lead made 1 of this case's determinations") } });
    expect(snapshot(t.ws.ctx.db)).toEqual(before);
    // Another lead approves; the first still may not sign.
    t.actAs({ name: 'Lia Lead', email: 'lia@body.example', role: 'lead' });
    await t.call('review.approve', { caseId });
    t.actAs(LEAD);
    const approved = snapshot(t.ws.ctx.db);
    expect(await t.ws.dispatch('review.sign', { caseId, passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Leo Lead may not sign this case') } });
    expect(snapshot(t.ws.ctx.db)).toEqual(approved);
  });

  it('refuses a lead when an identity sharing their e-mail made the determinations and submitted', async () => {
    // Before names and e-mails were unique, one person held a lead and a reviewer identity with
    // the same e-mail; as the reviewer they decided and submitted. The upgrade retires the later
    // identity, and the lead still may not approve that work.
    const dataDir = path.join(tempDir(), 'w');
    cleanups.push(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));
    fs.mkdirSync(dataDir);
    const db = new Database(path.join(dataDir, 'credence.sqlite'));
    migrate(db, MIGRATIONS, { target: 5 });
    v5Identity(db, 'lead', 'Ana Lead', 'ana@body.example', 'lead', '2026-01-01T00:00:00Z', TEST_PASSPHRASE);
    v5Identity(db, 'rev', 'Ana Reviewer', 'ANA@body.example', 'reviewer', '2026-01-02T00:00:00Z', TEST_PASSPHRASE);
    db.prepare(`INSERT INTO cases (id, agency_name, ori, state, checklist_pack_id, checklist_pack_version, status, created_at, updated_at) VALUES ('c1', 'Riverside Police Department', 'IL9990000', 'IL', 'eo13929-doj-2020', '1.0.0', 'submitted', 't', 't')`).run();
    const det = db.prepare(`INSERT INTO determinations (case_id, item_id, status, rationale, no_rule_found, decided_by, decided_at) VALUES ('c1', ?, 'needs_information', 'Ask.', 0, 'Ana Reviewer <ANA@body.example>', 't')`);
    det.run('mandatory.chokehold');
    det.run('mandatory.adherence-to-law');
    db.prepare(`INSERT INTO review_events (case_id, at, actor, action, from_status, to_status) VALUES ('c1', 't', 'Ana Reviewer <ANA@body.example>', 'submitted', 'draft', 'submitted')`).run();
    db.close();

    const t = tempWorkspace({ dataDir, actingAs: null });
    cleanups.push(() => t.ws.close());
    await t.call('identity.use', { identityId: 'lead', passphrase: TEST_PASSPHRASE });
    const before = snapshot(t.ws.ctx.db);
    const r = await t.ws.dispatch('review.approve', { caseId: 'c1' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(!r.ok && r.error.message).toContain("2 determination(s) were made by Ana Reviewer <ANA@body.example>, who shares Ana Lead's name or e-mail");
    expect(!r.ok && r.error.message).toContain('the case was submitted by Ana Reviewer <ANA@body.example>');
    expect(snapshot(t.ws.ctx.db)).toEqual(before);
    // And the retired reviewer identity cannot be used to act at all.
    expect(await t.ws.dispatch('identity.use', { identityId: 'rev', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: false, error: { message: expect.stringContaining('may no longer act') } });
  });
});

describe('single-person review', () => {
  it('is audited in every case when turned on, recorded as a waiver when used, and printed in the packet', async () => {
    const t = tempWorkspace();
    cleanups.push(t.cleanup);
    const caseId = await submittedCase(t, true);
    t.actAs(REVIEWER);
    const other = (await t.call('cases.create', { agencyName: 'Other Police Department', ori: 'IL0000002', state: 'IL' })).id;
    t.actAs(LEAD);
    await t.call('review.settings', { singlePersonReview: true });
    for (const id of [caseId, other]) {
      expect((await t.call('audit.list', { caseId: id })).at(-1)).toMatchObject({ action: 'review.single-person-review-on', actor: 'Leo Lead <leo@body.example>', entity: 'workspace' });
    }
    expect((await t.call('review.approve', { caseId })).status).toBe('approved');
    expect((await t.call('audit.list', { caseId })).map((e: { action: string }) => e.action).slice(-2)).toEqual(['review.two-person-rule-waived', 'review.approved']);
    expect((await t.call('review.sign', { caseId, passphrase: TEST_PASSPHRASE, acknowledge: ['undecided-items', 'unscored-criteria'] })).status).toBe('signed');
    const zip = path.join(t.dataDir, '..', 'packet.zip');
    await t.call('review.export', { caseId, outPath: zip });
    const files = unzipSync(new Uint8Array(fs.readFileSync(zip)));
    const findings = JSON.parse(strFromU8(files['findings.json']!));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(findings.singlePersonReview).toBe(true);
    expect(manifest.singlePersonReview).toBe(true);
    expect(findings.singlePersonReviewLog.map((x: { action: string; actor: string }) => [x.action, x.actor])).toEqual([
      ['single-person-review-on', 'Leo Lead <leo@body.example>'],
      ['two-person-rule-waived', 'Leo Lead <leo@body.example>'],
      ['two-person-rule-waived', 'Leo Lead <leo@body.example>'],
    ]);
    // Who made each determination, with keys: the lead's own is there for the agency to see.
    const leo = t.ws.services.identities.list().find((i) => i.email === LEAD.email)!;
    expect(findings.items.find((i: { id: string }) => i.id === 'mandatory.chokehold').madeBy).toEqual([{ person: 'Leo Lead <leo@body.example>', fingerprint: leo.fingerprint }]);
    const text = docxParagraphs(files['findings.docx']!).join('\n');
    expect(text).toContain('This review was completed under single-person review');
    expect(text).toContain('Single-person review: turned on by Leo Lead <leo@body.example>');
    expect(text).toMatch(/Made by: Leo Lead <leo@body\.example>, key [0-9A-F]{4} /);
    expect(text).not.toContain('Reviewer(s)\ntester');
    await t.call('review.settings', { singlePersonReview: false });
    expect((await t.call('audit.list', { caseId: other })).at(-1)).toMatchObject({ action: 'review.single-person-review-off' });
  });

  it('a packet from two people says singlePersonReview=false', async () => {
    const t = tempWorkspace();
    cleanups.push(t.cleanup);
    const caseId = await submittedCase(t, false);
    await t.call('review.approve', { caseId });
    await t.call('review.sign', { caseId, passphrase: TEST_PASSPHRASE, acknowledge: ['undecided-items', 'unscored-criteria'] });
    const zip = path.join(t.dataDir, '..', 'packet.zip');
    await t.call('review.export', { caseId, outPath: zip });
    const findings = JSON.parse(strFromU8(unzipSync(new Uint8Array(fs.readFileSync(zip)))['findings.json']!));
    expect(findings).toMatchObject({ singlePersonReview: false, singlePersonReviewLog: [], reviewers: ['Rita Reviewer <rita@body.example>'] });
  });
});
