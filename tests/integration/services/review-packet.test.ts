// From draft to a signed packet with two identities; the packet verifies with Credence and with
// stock OpenSSL; every kind of tampering is caught; the audit chain catches edits, deletions and
// reordering; the DOCX opens in LibreOffice with the determinations in it.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSamplePdf } from '../../../resources/sample/generate-sample.ts';
import { verifyPacket } from '../../../electron/services/packet/verify.ts';
import { tempWorkspace } from '../../support/workspace.ts';
import { docxParagraphs, folded } from '../../support/docx-text.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let packetPath: string;
let reviewer: { id: string };
let lead: { id: string; fingerprint: string; publicKeyPem: string };

const has = (cmd: string, arg = '--version') => spawnSync(cmd, [arg]).status === 0;

beforeAll(async () => {
  t = tempWorkspace();
  reviewer = await t.call('identity.create', { name: 'Ana Reviewer', email: 'ana@body.example', role: 'reviewer', passphrase: 'reviewer pass 1' });
  lead = await t.call('identity.create', { name: 'Lee Lead', email: 'lee@body.example', role: 'lead', passphrase: 'correct horse battery' });
  await t.call('identity.use', { identityId: reviewer.id, passphrase: 'reviewer pass 1' });
  caseId = (await t.call('cases.create', { agencyName: 'Riverside Police Department', ori: 'IL9990000', state: 'IL', agencyType: 'municipal', jurisdiction: 'urban' })).id;
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('go300.pdf', await generateSamplePdf())] });
  const doc = r.document.id;
  const a = await t.call('annotations.create', { caseId, documentId: doc, page: 2, quote: '(e) Vascular neck restraints or carotid control holds; (f) Choke holds.', itemIds: ['mandatory.chokehold'] });
  const b = await t.call('annotations.create', { caseId, documentId: doc, page: 1, quote: 'Members shall use only the force that is objectively reasonable', itemIds: ['mandatory.adherence-to-law'] });
  const e = await t.call('annotations.create', { caseId, documentId: doc, page: 3, quote: 'The Department maintains a non-disciplinary early intervention system', itemIds: ['topic.early-warning'] });
  await t.call('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'met', rationale: 'GO 300.5 bans choke holds except where deadly force is justified.', evidenceIds: [a.id] });
  await t.call('determinations.set', { caseId, itemId: 'mandatory.adherence-to-law', status: 'met', rationale: 'Objective reasonableness, as Illinois law requires.', evidenceIds: [b.id] });
  await t.call('rubrics.score', { caseId, rubricId: 'early-intervention-system', criterionId: 'eis.purpose', level: 3, rationale: 'Non-disciplinary.', evidenceIds: [e.id] });
});
afterAll(() => t.cleanup());

describe('identities', () => {
  it('give an Ed25519 key whose fingerprint is the SHA-256 of the public key, in groups', async () => {
    const der = crypto.createPublicKey(lead.publicKeyPem).export({ format: 'der', type: 'spki' });
    expect(lead.fingerprint).toBe(crypto.createHash('sha256').update(der).digest('hex'));
    const list = await t.call('identity.list', {});
    expect(list.find((i: { id: string }) => i.id === lead.id).fingerprintGrouped).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  });
  it('change passphrase: the old one stops working, the key and fingerprint stay', async () => {
    const ana2 = await t.call('identity.create', { name: 'Ana Two', email: 'ana2@body.example', role: 'reviewer', passphrase: 'first passphrase' });
    expect(await t.ws.dispatch('identity.changePassphrase', { identityId: ana2.id, current: 'wrong one', next: 'second passphrase' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const changed = await t.call('identity.changePassphrase', { identityId: ana2.id, current: 'first passphrase', next: 'second passphrase' });
    expect(changed.fingerprint).toBe(ana2.fingerprint);
    expect(() => t.ws.services.identities.privateKey(ana2.id, 'first passphrase')).toThrow(/passphrase is wrong/);
    expect(t.ws.services.identities.privateKey(ana2.id, 'second passphrase').asymmetricKeyType).toBe('ed25519');
  });

  it('keep the private key encrypted: the database holds no PEM private key', () => {
    const row = t.ws.ctx.db.prepare('SELECT encrypted_key FROM identities WHERE id = ?').get(lead.id) as { encrypted_key: string };
    expect(row.encrypted_key).not.toContain('PRIVATE KEY');
    expect(JSON.parse(row.encrypted_key)).toMatchObject({ kdf: 'scrypt', N: 32768 });
  });
});

describe('the workflow', () => {
  it('enforces roles, the two-person rule, the passphrase, and records every transition', async () => {
    expect(await t.ws.dispatch('review.approve', { caseId })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Only a review lead') } });
    expect((await t.call('review.submit', { caseId })).status).toBe('submitted');
    await t.call('identity.use', { identityId: lead.id, passphrase: 'correct horse battery' });
    expect((await t.call('review.return', { caseId, comment: 'Add the vascular stance to the rationale.' })).status).toBe('returned');
    await t.call('identity.use', { identityId: reviewer.id, passphrase: 'reviewer pass 1' });
    await t.call('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'met', rationale: 'GO 300.5 bans choke holds except where deadly force is justified; vascular restraints likewise.', evidenceIds: (await t.call('annotations.list', { caseId })).filter((a: { itemIds: string[] }) => a.itemIds.includes('mandatory.chokehold')).map((a: { id: string }) => a.id) });
    await t.call('review.submit', { caseId });
    await t.call('identity.use', { identityId: lead.id, passphrase: 'correct horse battery' });
    expect((await t.call('review.approve', { caseId })).status).toBe('approved');
    expect(await t.ws.dispatch('review.sign', { caseId, passphrase: 'wrong passphrase', acknowledge: ['undecided-items', 'unscored-criteria'] })).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'The passphrase is wrong for Lee Lead. Nothing was signed.' } });
    expect((await t.call('review.sign', { caseId, passphrase: 'correct horse battery', acknowledge: ['undecided-items', 'unscored-criteria'] })).status).toBe('signed');
    packetPath = path.join(t.dataDir, '..', `${path.basename(t.dataDir)}-packet.zip`);
    const out = await t.call('review.export', { caseId, outPath: packetPath });
    expect(out.path).toBe(packetPath);
    const state = await t.call('review.state', { caseId });
    expect(state.status).toBe('exported');
    expect(state.history.map((h: { action: string }) => h.action)).toEqual(['submitted', 'returned', 'submitted', 'approved', 'signed', 'exported']);
    expect(state.history[1]).toMatchObject({ actor: 'Lee Lead <lee@body.example>', comment: 'Add the vascular stance to the rationale.' });
    expect(fs.readdirSync(path.dirname(packetPath)).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('forbids a lead from approving their own determinations unless single-person review is on', async () => {
    const c2 = (await t.call('cases.create', { agencyName: 'Other Police Department', ori: 'IL0000002', state: 'IL' })).id;
    await t.call('determinations.set', { caseId: c2, itemId: 'mandatory.chokehold', status: 'not_met', rationale: 'None.', noRuleFound: true });
    await t.call('determinations.set', { caseId: c2, itemId: 'mandatory.adherence-to-law', status: 'needs_information', rationale: 'Ask.' });
    await t.call('identity.use', { identityId: reviewer.id, passphrase: 'reviewer pass 1' });
    await t.call('review.submit', { caseId: c2 });
    await t.call('identity.use', { identityId: lead.id, passphrase: 'correct horse battery' });
    expect(await t.ws.dispatch('review.approve', { caseId: c2 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('Lee Lead made 2 of this case\'s determinations') } });
    await t.call('review.settings', { singlePersonReview: true });
    expect((await t.call('review.approve', { caseId: c2 })).status).toBe('approved');
    // Editing an approved case reopens it.
    await t.call('determinations.set', { caseId: c2, itemId: 'mandatory.adherence-to-law', status: 'needs_information', rationale: 'Still asking.' });
    expect((await t.call('cases.get', { id: c2 })).status).toBe('draft');
    await t.call('review.settings', { singlePersonReview: false });
  });

  it('refuses to submit with a mandatory item undecided', async () => {
    await t.call('identity.use', { identityId: reviewer.id, passphrase: 'reviewer pass 1' });
    const c3 = (await t.call('cases.create', { agencyName: 'Third Police Department', ori: 'IL0000003', state: 'IL' })).id;
    expect(await t.ws.dispatch('review.submit', { caseId: c3 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('Decide the mandatory items before submitting') } });
  });
});

describe('the packet', () => {
  const read = () => new Uint8Array(fs.readFileSync(packetPath));
  const rezip = (entries: Record<string, Uint8Array>) => zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v, {}]])) as never);

  it('holds the promised files and verifies, naming the signer and the case', () => {
    const files = Object.keys(unzipSync(read())).sort();
    expect(files).toEqual(['VERIFY.txt', 'audit.jsonl', 'findings.docx', 'findings.json', 'manifest.json', 'manifest.sig', 'signer.pub.pem', 'sources.json']);
    const v = verifyPacket(read(), { nameOf: (fp) => (fp === lead.fingerprint ? 'Lee Lead' : null), source: 'the test roster' });
    expect(v).toMatchObject({ verdict: 'trusted', ok: true, caseId, agency: 'Riverside Police Department', signer: { name: 'Lee Lead', fingerprint: lead.fingerprint }, signerInRoster: true });
    const m = JSON.parse(strFromU8(unzipSync(read())['manifest.json']!));
    expect(m).toMatchObject({ schema: 'credence.packet/1', checklistPack: { id: 'eo13929-doj-2020', version: '1.0.0' }, signer: { fingerprint: lead.fingerprint } });
    expect(m.files.map((f: { name: string }) => f.name)).toEqual(['VERIFY.txt', 'audit.jsonl', 'findings.docx', 'findings.json', 'sources.json']);
    const findings = JSON.parse(strFromU8(unzipSync(read())['findings.json']!));
    expect(findings.items.slice(0, 2).map((i: { id: string; determination: string }) => [i.id, i.determination])).toEqual([
      ['mandatory.adherence-to-law', 'Met'],
      ['mandatory.chokehold', 'Met'],
    ]);
    expect(findings.items[1].evidence[0]).toMatchObject({ pages: '2–3' });
    expect(findings.items.filter((i: { determination: string }) => i.determination === 'Undecided')).toHaveLength(19);
    // The people come from identities, with their keys — never from the OS user.
    const ana = t.ws.services.identities.get(reviewer.id);
    expect(findings.reviewers).toEqual(['Ana Reviewer <ana@body.example>']);
    expect(findings.people).toEqual([{ person: 'Ana Reviewer <ana@body.example>', fingerprint: ana.fingerprint }]);
    expect(findings.items[1].madeBy).toEqual([{ person: 'Ana Reviewer <ana@body.example>', fingerprint: ana.fingerprint }]);
    expect(findings.singlePersonReview).toBe(false);
  });

  it.each(['findings.docx', 'findings.json', 'sources.json', 'audit.jsonl', 'VERIFY.txt', 'manifest.json', 'manifest.sig', 'signer.pub.pem'])('a flipped byte in %s is caught', (name) => {
    const entries = unzipSync(read());
    const b = new Uint8Array(entries[name]!);
    b[Math.floor(b.length / 2)]! ^= 0x01;
    entries[name] = b;
    const v = verifyPacket(rezip(entries));
    expect(v.ok).toBe(false);
    expect(v.reason).toBeTruthy();
  });

  it('an added file, a removed file, and a swapped key are caught', () => {
    const added = unzipSync(read());
    added['extra.txt'] = strToU8('hello');
    expect(verifyPacket(rezip(added)).reason).toBe('The packet holds files the signed manifest does not list: extra.txt.');
    const removed = unzipSync(read());
    delete removed['sources.json'];
    expect(verifyPacket(rezip(removed)).reason).toContain('sources.json (missing)');
    const swapped = unzipSync(read());
    const other = crypto.generateKeyPairSync('ed25519');
    swapped['manifest.sig'] = new Uint8Array(crypto.sign(null, swapped['manifest.json']!, other.privateKey));
    swapped['signer.pub.pem'] = strToU8(other.publicKey.export({ format: 'pem', type: 'spki' }).toString());
    expect(verifyPacket(rezip(swapped)).reason).toBe('The signing key is not the one the manifest names: signer.pub.pem was swapped.');
    expect(verifyPacket(strToU8('not a zip')).ok).toBe(false);
  });

  it.skipIf(!has('openssl', 'version'))('verifies with stock OpenSSL and sha256sum, as VERIFY.txt says', () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(packetPath), 'unzipped-'));
    for (const [name, bytes] of Object.entries(unzipSync(read()))) fs.writeFileSync(path.join(dir, name), bytes);
    const r = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pub.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('Signature Verified Successfully');
    const der = execFileSync('openssl', ['pkey', '-pubin', '-in', 'signer.pub.pem', '-outform', 'DER'], { cwd: dir });
    expect(crypto.createHash('sha256').update(der).digest('hex')).toBe(lead.fingerprint);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const sums = execFileSync('sha256sum', manifest.files.map((f: { name: string }) => f.name), { cwd: dir, encoding: 'utf8' });
    for (const f of manifest.files) expect(sums).toContain(`${f.sha256}  ${f.name}`);
    fs.writeFileSync(path.join(dir, 'manifest.json'), fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8').replace('Riverside', 'Riversido'));
    const bad = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pub.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig'], { cwd: dir, encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
  });

  it('findings.docx carries the determinations, evidence and sign-off, in order', () => {
    const paras = docxParagraphs(unzipSync(read())['findings.docx']!);
    const text = paras.join('\n');
    expect(text).toContain('Riverside Police Department');
    expect(text).toMatch(/Chokeholds prohibited except where the use of deadly force is allowed by law\n[\s\S]{0,1500}?Determination: Met/);
    // The summary table: one row per item, the title, its kind and its status in that order.
    expect(text).toMatch(/Use-of-force policies and training\ntopic\nUndecided/);
    expect(text).toContain('GO 300.5 bans choke holds');
    expect(text).toContain('(f) Choke holds.');
    expect(text).toContain('Signed by Lee Lead');
  });

  it('carries the 8 Can’t Wait scorecard in findings.json and as a table in findings.docx, and still verifies', async () => {
    const entries = unzipSync(read());
    const findings = JSON.parse(strFromU8(entries['findings.json']!));
    expect(findings.scorecard).toHaveLength(8);
    expect(findings.scorecard.map((r: { indicator: string; answer: string }) => [r.indicator, r.answer])).toEqual([
      ['requires-de-escalation', 'yes'],
      ['bans-chokeholds-and-strangleholds', 'yes'],
      ['duty-to-intervene', 'yes'],
      ['requires-warning-before-shooting', 'no'],
      ['bans-shooting-at-moving-vehicles', 'yes'],
      ['requires-comprehensive-reporting', expect.stringMatching(/^(yes|partial|no)$/)],
      ['requires-exhausting-alternatives', 'no'],
      ['has-use-of-force-continuum', 'no'],
    ]);
    const neck = findings.scorecard[1];
    expect(neck.basis).toEqual([{ ruleId: 'chokehold', stance: 'prohibited_except_deadly_force' }, { ruleId: 'vascular', stance: 'prohibited_except_deadly_force' }]);
    // GO 300.5's list starts on page 2 and "(f) Choke holds." is on page 3: both are cited, by title.
    const title = (await t.call('documents.list', { caseId }))[0].title;
    expect(neck.pages).toEqual(expect.arrayContaining([{ document: title, page: 2, rule: 'vascular' }, expect.objectContaining({ document: title, page: 3 })]));
    // The same rows as the case's own scorecard in the app.
    const live = await t.call('prereview.scorecard', { caseId });
    expect(findings.scorecard.map((r: { answer: string }) => r.answer)).toEqual(live.map((r: { answer: string }) => r.answer));
    // The DOCX: a heading, then a table whose rows read indicator, answer in words, stances, pages.
    const text = docxParagraphs(entries['findings.docx']!).join('\n');
    expect(text).toContain("8 Can't Wait scorecard");
    expect(text).toMatch(/Indicator\nAnswer\nStances\nPages\nRequires de-escalation\nYes\nde-escalation: required\n[^\n]+, p\. 1\n/);
    expect(text).toMatch(/Bans chokeholds and strangleholds\nYes\nchokehold: prohibited except deadly force; vascular: prohibited except deadly force\n[^\n]+, pp\. 2, 3/);
    expect(text).toMatch(/Has a use-of-force continuum\nNo\nforce-continuum: absent\n—/);
    expect(verifyPacket(read(), { nameOf: (fp) => (fp === lead.fingerprint ? 'Lee Lead' : null), source: 'the test roster' })).toMatchObject({ verdict: 'trusted', ok: true });
  });

  it.skipIf(!has('soffice'))('findings.docx opens in LibreOffice (a Word-compatible reader) with its text and page numbers', () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(packetPath), 'docx-'));
    fs.writeFileSync(path.join(dir, 'findings.docx'), unzipSync(read())['findings.docx']!);
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'findings.docx')], { stdio: 'ignore', timeout: 120_000, env: { ...process.env, HOME: dir } });
    // Plain text, white space folded: how lines wrap depends on the fonts this machine has.
    const text = folded(execFileSync('pdftotext', [path.join(dir, 'findings.pdf'), '-'], { encoding: 'utf8' }));
    expect(text).toContain('Riverside Police Department');
    expect(text).toContain('Chokeholds prohibited except where the use of deadly force is allowed by law');
    expect(text).toContain('Determination: Met');
    expect(text).toContain('GO 300.5 bans choke holds');
    expect(text).toContain('Signed by Lee Lead');
    expect(text).toMatch(/Page 1 of \d+/);
  });
});

describe('the audit trail', () => {
  it('verifies as written, and catches an edited, a deleted and a reordered entry', async () => {
    expect(await t.call('audit.verify', { caseId })).toMatchObject({ ok: true, problem: null });
    const entries = await t.call('audit.list', { caseId });
    expect(entries.length).toBeGreaterThan(10);
    expect(entries[0]).toMatchObject({ action: 'cases.create', actor: 'Ana Reviewer <ana@body.example>', prevHash: '0'.repeat(64) });
    const db = t.ws.ctx.db;
    const snapshot = db.prepare('SELECT rowid, * FROM audit_log WHERE case_id = ? ORDER BY rowid').all(caseId) as Array<Record<string, unknown>>;
    const restore = () => {
      db.prepare('DELETE FROM audit_log WHERE case_id = ?').run(caseId);
      const ins = db.prepare('INSERT INTO audit_log (rowid, case_id, seq, at, actor, action, entity, entity_id, state_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const r of snapshot) ins.run(r.rowid, r.case_id, r.seq, r.at, r.actor, r.action, r.entity, r.entity_id, r.state_hash, r.prev_hash, r.hash);
    };
    db.prepare(`UPDATE audit_log SET actor = 'Someone Else' WHERE case_id = ? AND seq = 3`).run(caseId);
    expect((await t.call('audit.verify', { caseId })).problem).toBe('entry 3 was edited after it was written (its hash does not match its content)');
    restore();
    db.prepare('DELETE FROM audit_log WHERE case_id = ? AND seq = 4').run(caseId);
    expect((await t.call('audit.verify', { caseId })).problem).toMatch(/entry 4 is missing or out of order/);
    restore();
    // Swap the contents of entries 5 and 6 (as a reordering would).
    const [r5, r6] = [snapshot[4]!, snapshot[5]!];
    db.prepare('DELETE FROM audit_log WHERE case_id = ? AND seq IN (5, 6)').run(caseId);
    const ins = db.prepare('INSERT INTO audit_log (rowid, case_id, seq, at, actor, action, entity, entity_id, state_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    ins.run(r5.rowid, r6.case_id, r6.seq, r6.at, r6.actor, r6.action, r6.entity, r6.entity_id, r6.state_hash, r6.prev_hash, r6.hash);
    ins.run(r6.rowid, r5.case_id, r5.seq, r5.at, r5.actor, r5.action, r5.entity, r5.entity_id, r5.state_hash, r5.prev_hash, r5.hash);
    expect((await t.call('audit.verify', { caseId })).problem).toMatch(/entry 5 is missing or out of order \(found sequence number 6\)/);
    restore();
    expect((await t.call('audit.verify', { caseId })).ok).toBe(true);
  });
});
