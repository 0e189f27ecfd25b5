// Signing is one change: the packet row, the case's move to "signed", its workflow event and its
// audit entries (the waiver, "packet.signed", "review.signed") are written together or not at
// all. A failure at any of those writes (forced here with a trigger, as a full disk or a broken
// row would) leaves the case approved, exactly as it was, and signing again then works.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSamplePdf } from '../../../resources/sample/generate-sample.ts';
import { verifyPacket } from '../../../electron/services/packet/verify.ts';
import { LEAD, REVIEWER, TEST_PASSPHRASE, tempWorkspace } from '../../support/workspace.ts';
import { snapshot } from '../../support/snapshot.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;

async function approvedCase(byLeadAlone = false) {
  caseId = (await t.call('cases.create', { agencyName: 'Riverside Police Department', ori: 'IL9990000', state: 'IL' })).id;
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('go300.pdf', await generateSamplePdf())] });
  const a = await t.call('annotations.create', { caseId, documentId: r.document.id, page: 3, quote: '(f) Choke holds.', itemIds: ['mandatory.chokehold'] });
  if (byLeadAlone) {
    await t.call('review.settings', { singlePersonReview: true });
    t.actAs(LEAD);
  }
  await t.call('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'met', rationale: 'Banned except where deadly force is justified.', evidenceIds: [a.id] });
  await t.call('determinations.set', { caseId, itemId: 'mandatory.adherence-to-law', status: 'needs_information', rationale: 'Ask for the state statute crosswalk.' });
  if (!byLeadAlone) await t.call('review.submit', { caseId });
  else {
    // A lead may not submit; a reviewer submits the lead's work, and the lead approves under the waiver.
    t.actAs(REVIEWER);
    await t.call('review.submit', { caseId });
  }
  t.actAs(LEAD);
  await t.call('review.approve', { caseId });
}
const sign = () => t.ws.dispatch('review.sign', { caseId, passphrase: TEST_PASSPHRASE, acknowledge: ['undecided-items', 'unscored-criteria', 'stale-evidence', 'contradicted-determinations'] });

beforeEach(() => {
  t = tempWorkspace();
});
afterEach(() => t.cleanup());

describe('a failure while signing', () => {
  const failures: Array<[string, string]> = [
    ['the packet row', "CREATE TEMP TRIGGER fail BEFORE INSERT ON packets BEGIN SELECT RAISE(ABORT, 'forced failure'); END"],
    ['the case’s status', "CREATE TEMP TRIGGER fail BEFORE UPDATE OF status ON cases WHEN NEW.status = 'signed' BEGIN SELECT RAISE(ABORT, 'forced failure'); END"],
    ['the workflow event', "CREATE TEMP TRIGGER fail BEFORE INSERT ON review_events WHEN NEW.action = 'signed' BEGIN SELECT RAISE(ABORT, 'forced failure'); END"],
    ['the “review.signed” audit entry', "CREATE TEMP TRIGGER fail BEFORE INSERT ON audit_log WHEN NEW.action = 'review.signed' BEGIN SELECT RAISE(ABORT, 'forced failure'); END"],
  ];
  it.each(failures)('at %s leaves nothing of the signature: no packet, no status change, no event, no audit entry', async (_where, trigger) => {
    await approvedCase();
    const db = t.ws.ctx.db;
    const before = snapshot(db);
    db.exec(trigger);
    const r = await sign();
    expect(r.ok).toBe(false);
    expect(snapshot(db)).toEqual(before);
    expect((await t.call('cases.get', { id: caseId })).status).toBe('approved');
    expect((await t.call('audit.verify', { caseId })).ok).toBe(true);

    // Nothing half-done stands in the way: with the fault gone, signing works and the packet verifies.
    db.exec('DROP TRIGGER temp.fail');
    expect(await sign()).toMatchObject({ ok: true, value: { status: 'signed' } });
    const zip = db.prepare('SELECT zip FROM packets WHERE case_id = ?').get(caseId) as { zip: Buffer };
    expect(verifyPacket(new Uint8Array(zip.zip), { nameOf: () => 'Leo Lead', source: 'the test roster' })).toMatchObject({ verdict: 'trusted', ok: true });
    expect((await t.call('audit.list', { caseId })).filter((e: { action: string }) => e.action === 'packet.signed')).toHaveLength(1);
    expect((await t.call('audit.verify', { caseId })).ok).toBe(true);
  });

  it('under single-person review, the waiver entry goes too', async () => {
    await approvedCase(true);
    const db = t.ws.ctx.db;
    const waivers = () => (db.prepare("SELECT count(*) AS n FROM audit_log WHERE case_id = ? AND action = 'review.two-person-rule-waived'").get(caseId) as { n: number }).n;
    const approvedWaivers = waivers();
    const before = snapshot(db);
    db.exec("CREATE TEMP TRIGGER fail BEFORE INSERT ON packets BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
    expect((await sign()).ok).toBe(false);
    expect(snapshot(db)).toEqual(before);
    db.exec('DROP TRIGGER temp.fail');
    expect(await sign()).toMatchObject({ ok: true, value: { status: 'signed' } });
    // One waiver for the approval, one for the signature: the failed attempt left none.
    expect(waivers()).toBe(approvedWaivers + 1);
    const zip = db.prepare('SELECT zip FROM packets WHERE case_id = ?').get(caseId) as { zip: Buffer };
    expect(verifyPacket(new Uint8Array(zip.zip), { nameOf: () => 'Leo Lead', source: 'the test roster' })).toMatchObject({ verdict: 'trusted', ok: true });
  });
});
