// A scanned policy locked with a password: agencies send them. The password given at import is
// kept with the document, so its scanned pages are drawn and read by OCR like any other, the
// viewer can open it (documents.password), and a case bundle carries it to the lead. A document
// imported before passwords were kept fails OCR saying what to do, and entering its password
// (documents.rememberPassword) reads those pages; a password is kept only once the file opens
// with it. Keeping one is not a step of the review: not in the trail, reopening nothing. The
// password never reaches the trail or a list.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scannedPdf } from '../../fixtures/scans.ts';
import { encrypt, hasQpdf } from '../../fixtures/pdfs.ts';
import { OCR_MESSAGES } from '../../../electron/services/ocr/limits.ts';
import { resignedBundle } from '../../support/bundles.ts';
import { REVIEWER, TEST_PASSPHRASE, tempDir, tempWorkspace } from '../../support/workspace.ts';

const PASSWORD = 'agency-2020 pw';
const LINES = ['Choke holds are prohibited unless', 'deadly force is authorized by law.'];

let a: ReturnType<typeof tempWorkspace>;
let caseId: string;
let documentId: string;
const files = tempDir('credence-locked-scan-');

/** The lead's own workspace, whose roster trusts the reviewer's key (as a bundle's reader must). */
async function leadTrustingReviewer(name: string) {
  const me = a.ws.services.identities.list().find((i) => i.email === REVIEWER.email)!;
  const key = path.join(files, `${name}.pub.pem`);
  fs.writeFileSync(key, me.publicKeyPem);
  const b = tempWorkspace({ ocr: { poolSize: 1, limits: { dpi: 150 } } });
  try {
    await b.call('roster.import', { path: key, name: REVIEWER.name });
  } catch (err) {
    b.cleanup();
    throw err;
  }
  return b;
}

describe.skipIf(!hasQpdf())('an encrypted scanned policy (qpdf makes the fixture: apt-get install -y qpdf)', () => {
  beforeAll(async () => {
    a = tempWorkspace({ ocr: { poolSize: 1, limits: { dpi: 150 } } });
    caseId = (await a.call('cases.create', { agencyName: 'Lockport Police Department', ori: 'IL9990077', state: 'IL' })).id;
    const locked = encrypt(await scannedPdf([LINES], { fontSize: 22 }), PASSWORD);
    const [r] = await a.call('documents.import', { caseId, paths: [a.write('locked-scan.pdf', locked)], password: PASSWORD });
    documentId = r.document.id;
    a.ws.services.ocr.start();
    await a.ws.services.ocr.whenIdle();
  }, 120_000);
  afterAll(() => {
    a?.cleanup();
    fs.rmSync(files, { recursive: true, force: true });
  });

  it('is read by OCR with the password given at import, which the viewer can ask for', async () => {
    expect(a.ws.services.ocr.failures(documentId)).toEqual([]);
    const page = await a.call('ocr.pageWords', { caseId, documentId, page: 1 });
    expect(page).toMatchObject({ source: 'ocr', status: 'done' });
    expect(page.words.map((w: { text: string }) => w.text).join(' ')).toContain('prohibited');
    expect((await a.call('search.query', { caseId, query: 'prohibited' }))[0]).toMatchObject({ page: 1, ocr: true });
    expect(await a.call('documents.password', { caseId, documentId })).toEqual({ password: PASSWORD });
    // Only for this case's documents.
    const other = (await a.call('cases.create', { agencyName: 'Other PD', ori: 'IL9990078', state: 'IL' })).id;
    const refused = await a.ws.dispatch('documents.password', { caseId: other, documentId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('keeps the password out of the document list and the audit trail', async () => {
    expect(JSON.stringify(await a.call('documents.list', { caseId }))).not.toContain(PASSWORD);
    const trail = a.ws.ctx.db.prepare('SELECT * FROM audit_log').all();
    expect(trail.length).toBeGreaterThan(0);
    expect(JSON.stringify(trail)).not.toContain(PASSWORD);
  });

  it('imported before passwords were kept: OCR says to enter it, and entering it reads the pages', async () => {
    const db = a.ws.ctx.db;
    db.prepare('DELETE FROM document_passwords WHERE document_id = ?').run(documentId);
    expect(await a.call('ocr.run', { caseId, documentId, redo: true })).toEqual({ queued: 1 });
    await a.ws.services.ocr.whenIdle();
    // The page keeps its earlier reading; the failure says what to do.
    expect(a.ws.services.ocr.failures(documentId)).toEqual([{ page: 1, error: OCR_MESSAGES.needsPassword, kept: true, kind: 'password' }]);
    expect(await a.call('documents.password', { caseId, documentId })).toEqual({ password: null });

    // A password that does not open the file is refused and keeps nothing.
    const typo = await a.ws.dispatch('documents.rememberPassword', { caseId, documentId, password: 'agency-2020 pq' });
    expect(typo).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('That password does not open this PDF') } });
    expect(await a.call('documents.password', { caseId, documentId })).toEqual({ password: null });

    const trail = db.prepare('SELECT count(*) AS n FROM audit_log').get();
    expect(await a.call('documents.rememberPassword', { caseId, documentId, password: PASSWORD })).toEqual({ queued: 1 });
    await a.ws.services.ocr.whenIdle();
    expect(a.ws.services.ocr.failures(documentId)).toEqual([]);
    expect(await a.call('ocr.pageWords', { caseId, documentId, page: 1 })).toMatchObject({ source: 'ocr', status: 'done', error: null });
    // Not a change to the review: nothing in the trail (so nothing reopened), and a later typo does not replace it.
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(trail);
    expect(await a.ws.dispatch('documents.rememberPassword', { caseId, documentId, password: 'typo' })).toMatchObject({ ok: false });
    expect(await a.call('documents.password', { caseId, documentId })).toEqual({ password: PASSWORD });
  }, 120_000);

  it('pages that failed as the renderer said it before (pdf.js’s "No password given") are read once the password is entered', async () => {
    const db = a.ws.ctx.db;
    db.prepare(`UPDATE page_ocr SET status = 'failed', error = 'Page 1 could not be drawn for OCR (No password given).' WHERE document_id = ?`).run(documentId);
    expect(await a.call('documents.rememberPassword', { caseId, documentId, password: PASSWORD })).toEqual({ queued: 1 });
    await a.ws.services.ocr.whenIdle();
    expect(a.ws.services.ocr.failures(documentId)).toEqual([]);
  }, 120_000);

  it('importing the same file again with its password keeps it for a document that had none', async () => {
    a.ws.ctx.db.prepare('DELETE FROM document_passwords WHERE document_id = ?').run(documentId);
    const again = a.write('locked-scan again.pdf', fs.readFileSync(path.join(`${a.dataDir}-files`, 'locked-scan.pdf')));
    const [wrong] = await a.call('documents.import', { caseId, paths: [again], password: 'not it' });
    expect(wrong).toMatchObject({ ok: true, alreadyInWorkspace: true });
    expect(await a.call('documents.password', { caseId, documentId })).toEqual({ password: null });
    const [right] = await a.call('documents.import', { caseId, paths: [again], password: PASSWORD });
    expect(right).toMatchObject({ ok: true, alreadyInWorkspace: true, document: { id: documentId } });
    expect(await a.call('documents.password', { caseId, documentId })).toEqual({ password: PASSWORD });
  });

  it('entering a password retries only the pages that failed for want of it; Retry only those that may read', async () => {
    const fail = (error: string) => a.ws.ctx.db.prepare(`UPDATE page_ocr SET status = 'failed', error = ? WHERE document_id = ?`).run(error, documentId);
    fail('Page 1 holds an image declaring more than 40 megapixels (test).');
    expect(await a.call('documents.rememberPassword', { caseId, documentId, password: PASSWORD })).toEqual({ queued: 0 });
    expect(a.ws.services.ocr.summary(documentId)).toMatchObject({ pending: 0, failed: 1 });
    // A damaged file's page fails the same way each time: Retry leaves it, --redo reads it.
    expect(await a.call('ocr.run', { caseId, documentId })).toEqual({ queued: 0 });
    expect(a.ws.services.ocr.summary(documentId)).toMatchObject({ pending: 0, failed: 1 });
    // So does a locked page while its password is not kept: entering it reads the page.
    fail(OCR_MESSAGES.needsPassword);
    expect(await a.call('ocr.run', { caseId, documentId })).toEqual({ queued: 0 });
    // A passing fault is read again.
    fail('Page 1 could not be read: the OCR engine stopped (test).');
    expect(await a.call('ocr.run', { caseId, documentId })).toEqual({ queued: 1 });
    await a.ws.services.ocr.whenIdle();
    fail('Page 1 holds an image declaring more than 40 megapixels (test).');
    expect(await a.call('ocr.run', { caseId, documentId, redo: true })).toEqual({ queued: 1 });
    await a.ws.services.ocr.whenIdle();
    expect(a.ws.services.ocr.failures(documentId)).toEqual([]);
  }, 120_000);

  it('travels to the lead in the case bundle, and a bundle naming a document it does not hold is refused', async () => {
    const bundle = path.join(files, 'lockport.credence-case');
    // The exporter is told: a bundle is signed, not encrypted.
    expect(await a.call('bundle.export', { caseId, outPath: bundle, passphrase: TEST_PASSPHRASE })).toMatchObject({ passwords: 1 });
    const b = await leadTrustingReviewer('rita');
    try {
      const me = a.ws.services.identities.list().find((i) => i.email === REVIEWER.email)!;
      const privateKey = a.ws.services.identities.privateKey(me.id, TEST_PASSPHRASE);
      const stray = resignedBundle(bundle, privateKey, files, 'stray-password', (body) => {
        (body.documentPasswords as Array<Record<string, unknown>>).push({ document_id: 'not-in-this-bundle', password: 'x' });
      });
      const refused = await b.ws.dispatch('bundle.import', { path: stray });
      expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('a row of document_passwords points at document not-in-this-bundle, which the bundle does not hold') } });
      const twice = resignedBundle(bundle, privateKey, files, 'two-passwords', (body) => {
        const rows = body.documentPasswords as Array<Record<string, unknown>>;
        rows.push({ ...rows[0], password: 'another' });
      });
      expect(await b.ws.dispatch('bundle.import', { path: twice })).toMatchObject({ ok: false, error: { message: expect.stringContaining('it carries two passwords for') } });

      const empty = resignedBundle(bundle, privateKey, files, 'empty-password', (body) => {
        (body.documentPasswords as Array<Record<string, unknown>>)[0]!.password = '';
      });
      expect(await b.ws.dispatch('bundle.import', { path: empty })).toMatchObject({ ok: false, error: { code: 'bad_file' } });

      await b.call('bundle.import', { path: bundle });
      expect(await b.call('documents.password', { caseId, documentId })).toEqual({ password: PASSWORD });
      // Its pages arrived read; read again there, they open with the carried password.
      expect(await b.call('ocr.run', { caseId, documentId, redo: true })).toEqual({ queued: 1 });
      await b.ws.services.ocr.whenIdle();
      expect(b.ws.services.ocr.failures(documentId)).toEqual([]);
    } finally {
      b.cleanup();
    }
  }, 180_000);

  it('a bundle meeting the file already here without its password brings the password, and the pages it locked are read', async () => {
    const bundle = path.join(files, 'lockport-again.credence-case');
    await a.call('bundle.export', { caseId, outPath: bundle, passphrase: TEST_PASSPHRASE });
    const b = await leadTrustingReviewer('rita-again');
    try {
      // The lead had the agency's file already, from before passwords were kept: its pages could not be read.
      const own = (await b.call('cases.create', { agencyName: 'Lockport Police Department', ori: 'IL9990079', state: 'IL' })).id;
      const [r] = await b.call('documents.import', { caseId: own, paths: [b.write('locked-scan.pdf', fs.readFileSync(path.join(`${a.dataDir}-files`, 'locked-scan.pdf')))], password: PASSWORD });
      const here = r.document.id;
      b.ws.ctx.db.prepare('DELETE FROM document_passwords WHERE document_id = ?').run(here);
      await b.call('ocr.run', { caseId: own, documentId: here, redo: true });
      await b.ws.services.ocr.whenIdle();
      expect(b.ws.services.ocr.failures(here)).toMatchObject([{ page: 1, kind: 'password' }]);

      await b.call('bundle.import', { path: bundle });
      expect(await b.call('documents.password', { caseId: own, documentId: here })).toEqual({ password: PASSWORD });
      expect(b.ws.services.ocr.summary(here)).toMatchObject({ pending: 1, failed: 0 });
      b.ws.services.ocr.start();
      await b.ws.services.ocr.whenIdle();
      expect(b.ws.services.ocr.failures(here)).toEqual([]);
      expect(await b.call('ocr.pageWords', { caseId: own, documentId: here, page: 1 })).toMatchObject({ source: 'ocr', status: 'done', error: null });
    } finally {
      b.cleanup();
    }
  }, 180_000);
});
