// Import of every kind of bad input: a clear error naming the file, no rows, no blobs, and the
// rest of the batch still imported.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeContentPdf, corruptXref, encrypt, hasQpdf, numberedPdf, scannedPdf, textPdf, truncate } from '../../fixtures/pdfs.ts';
import { tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
beforeEach(async () => {
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
});
afterEach(() => t.cleanup());

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
}
function snapshot() {
  const db = t.ws.ctx.db;
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    documents: count('documents'),
    pages: count('pages'),
    links: count('case_documents'),
    fts: count('pages_fts'),
    blobs: files(t.ws.paths.blobs),
    tmp: files(t.ws.paths.tmp),
  };
}

describe('importing good PDFs', () => {
  it('stores the document once, with its pages, text positions and a blob named by its SHA-256', async () => {
    const file = t.write('order.pdf', await numberedPdf(5, 'General Order 5.1'));
    const [r] = await t.call('documents.import', { caseId, paths: [file] });
    expect(r).toMatchObject({ ok: true, alreadyInWorkspace: false, document: { title: 'General Order 5.1', originalName: 'order.pdf', pageCount: 5, pagesNeedingOcr: 0, importedBy: 'Rita Reviewer <rita@body.example>' } });
    const sha = r.document.sha256;
    expect(fs.readFileSync(path.join(t.ws.paths.blobs, sha.slice(0, 2), `${sha}.pdf`))).toEqual(fs.readFileSync(file));
    const page3 = t.ws.ctx.db.prepare(`SELECT text, items FROM pages WHERE document_id = ? AND page_index = 2`).get(r.document.id) as { text: string; items: string };
    expect(page3.text).toContain('Section 3: officers shall use reasonable force.');
    const items = JSON.parse(page3.items) as { w: number; h: number; items: number[][] };
    expect(items.w).toBe(612);
    const [offset, length, x, y] = items.items.find(([o, l]) => page3.text.slice(o!, o! + l!).startsWith('Section 3'))!;
    expect([x, y]).toEqual([72, 704]); // where textPdf drew the second line
    expect(page3.text.slice(offset!, offset! + length!)).toBe('Section 3: officers shall use reasonable force.');
  });

  it('takes the title from the file name when the PDF has none, and lets the reviewer edit it', async () => {
    const file = t.write('D205p Use of Force.pdf', await numberedPdf(1));
    const [r] = await t.call('documents.import', { caseId, paths: [file] });
    expect(r.document.title).toBe('D205p Use of Force');
    const e = await t.call('documents.update', { id: r.document.id, title: 'Use of Force 205-P', agencyDocNumber: '205-P', effectiveDate: '2020-09-01' });
    expect(e).toMatchObject({ title: 'Use of Force 205-P', agencyDocNumber: '205-P', effectiveDate: '2020-09-01' });
  });

  it('recognises the same bytes as the same document, in this case and in another', async () => {
    const bytes = await numberedPdf(2);
    const a = t.write('a.pdf', bytes);
    const b = t.write('copy-of-a.pdf', bytes);
    const [first] = await t.call('documents.import', { caseId, paths: [a] });
    const [again] = await t.call('documents.import', { caseId, paths: [b] });
    expect(again).toMatchObject({ ok: true, alreadyInWorkspace: true, document: { id: first.document.id } });
    const other = (await t.call('cases.create', { agencyName: 'Other Police Department', ori: 'IL0000002', state: 'IL' })).id;
    const [third] = await t.call('documents.import', { caseId: other, paths: [a] });
    expect(third.document.id).toBe(first.document.id);
    expect(snapshot()).toMatchObject({ documents: 1, pages: 2, links: 2 });
    expect((await t.call('documents.list', { caseId: other })).map((d: { id: string }) => d.id)).toEqual([first.document.id]);
  });

  it('flags pages with no text layer as needing OCR', async () => {
    const [r] = await t.call('documents.import', { caseId, paths: [t.write('scan.pdf', await scannedPdf())] });
    expect(r.document).toMatchObject({ pageCount: 3, pagesNeedingOcr: 2 });
  });

  it('imports a PDF with JavaScript and launch actions as text only, and marks it', async () => {
    const [r] = await t.call('documents.import', { caseId, paths: [t.write('active.pdf', await activeContentPdf())] });
    expect(r).toMatchObject({ ok: true, document: { pageCount: 1 } });
    expect((t.ws.ctx.db.prepare('SELECT has_scripts FROM documents').get() as { has_scripts: number }).has_scripts).toBe(1);
  });

  it('streams progress, page by page, ending in done', async () => {
    const seen: Array<{ phase: string; pagesDone: number; pagesTotal: number }> = [];
    // Only the import's own events: a pre-review of the new document reports its progress too.
    t.ws.subscribe((e, p) => e === 'import.progress' && seen.push(p as (typeof seen)[number]));
    await t.call('documents.import', { caseId, paths: [t.write('p.pdf', await numberedPdf(4))], importId: 'imp-1' });
    expect(seen[0]!.phase).toBe('reading');
    expect(seen.filter((s) => s.phase === 'extracting').map((s) => s.pagesDone)).toEqual([0, 1, 2, 3, 4]);
    expect(seen.at(-1)).toMatchObject({ phase: 'done', pagesDone: 4, pagesTotal: 4, importId: 'imp-1', file: 'p.pdf' });
  });
});

describe('importing bad input: a clear error, nothing written, the batch goes on', () => {
  const cases: Array<[string, string, () => Promise<Uint8Array | string | null>, RegExp]> = [
    ['not a PDF', 'notes.pdf', async () => 'Dear records officer, please find attached…', /notes\.pdf: The file is not a PDF/],
    ['a Word file renamed .pdf', 'policy.pdf', async () => new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), /a ZIP or Office file/],
    ['zero bytes', 'empty.pdf', async () => new Uint8Array(), /empty\.pdf: The file is empty \(0 bytes\)/],
    ['a truncated PDF', 'cut.pdf', async () => truncate(await numberedPdf(3)), /cut\.pdf: The file is cut off before its end marker/],
    ['a corrupt cross-reference table', 'xref.pdf', async () => corruptXref(await numberedPdf(3)), /xref\.pdf: The file's cross-reference table .* is damaged/],
    ['an unreadable path', 'missing.pdf', async () => null, /missing\.pdf: The file does not exist/],
  ];

  it.each(cases)('%s', async (_name, fileName, make, message) => {
    const good = t.write('good.pdf', await numberedPdf(2));
    const content = await make();
    const bad = content === null ? path.join(t.dataDir, 'nowhere', fileName) : t.write(fileName, content);
    const before = snapshot();
    const [r] = await t.call('documents.import', { caseId, paths: [bad] });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(message);
    expect(snapshot()).toEqual(before);
    const [r2, r3] = await t.call('documents.import', { caseId, paths: [bad, good] });
    expect([r2.ok, r3.ok]).toEqual([false, true]);
  });

  it('a folder instead of a file', async () => {
    const before = snapshot();
    const [r] = await t.call('documents.import', { caseId, paths: [t.dataDir] });
    expect(r).toMatchObject({ ok: false, code: 'unreadable' });
    expect(r.message).toContain('This is a folder, not a file.');
    expect(snapshot()).toEqual(before);
  });

  it('a file over the page limit', async () => {
    t.cleanup();
    t = tempWorkspace({ pageLimit: 10 });
    caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
    const before = snapshot();
    const [r] = await t.call('documents.import', { caseId, paths: [t.write('big.pdf', await numberedPdf(12))] });
    expect(r).toMatchObject({ ok: false, code: 'too_many_pages' });
    expect(r.message).toBe('big.pdf: It has 12 pages, over the limit of 10. Split it, or raise the limit with CREDENCE_PAGE_LIMIT.');
    expect(snapshot()).toEqual(before);
  });

  it('a PDF that pdf.js cannot parse at all', async () => {
    const junk = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R /Size 2 >>\nstartxref\n52\n%%EOF\n';
    const before = snapshot();
    const [r] = await t.call('documents.import', { caseId, paths: [t.write('junk.pdf', junk)] });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^junk\.pdf: /);
    expect(snapshot()).toEqual(before);
  });

  it('an archived case takes no documents', async () => {
    await t.call('cases.archive', { id: caseId, archived: true });
    const r = await t.ws.dispatch('documents.import', { caseId, paths: [t.write('a.pdf', await numberedPdf(1))] });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: 'This case is archived. Restore it before adding documents.' } });
  });
});

describe.skipIf(!hasQpdf())('encrypted PDFs (qpdf makes them)', () => {
  it('asks for the password, says when it is wrong, and imports with the right one', async () => {
    const file = t.write('secret.pdf', encrypt(await textPdf([{ lines: ['Confidential use of force directive'] }]), 'open-sesame'));
    const before = snapshot();
    const [none] = await t.call('documents.import', { caseId, paths: [file] });
    expect(none).toMatchObject({ ok: false, code: 'password_required', message: 'secret.pdf: The PDF is password-protected. Enter its password and import it again.' });
    const [wrong] = await t.call('documents.import', { caseId, paths: [file], password: 'guess' });
    expect(wrong).toMatchObject({ ok: false, code: 'password_incorrect', message: 'secret.pdf: The password is wrong for this PDF. Check it with the agency and try again.' });
    expect(snapshot()).toEqual(before);
    const [right] = await t.call('documents.import', { caseId, paths: [file], password: 'open-sesame' });
    expect(right).toMatchObject({ ok: true, document: { pageCount: 1 } });
    expect((await t.call('search.query', { caseId, query: 'confidential' }))[0]).toMatchObject({ page: 1 });
    // Kept with it, so the viewer and OCR can open the stored file again.
    expect(await t.call('documents.password', { caseId, documentId: right.document.id })).toEqual({ password: 'open-sesame' });
  });

  it('keeps no password for a file that needs none, even when one was typed', async () => {
    const [plain] = await t.call('documents.import', { caseId, paths: [t.write('open.pdf', await textPdf([{ lines: ['An open directive on vehicle pursuits'] }]))], password: 'typed anyway' });
    expect(plain).toMatchObject({ ok: true });
    expect(await t.call('documents.password', { caseId, documentId: plain.document.id })).toEqual({ password: null });
  });
});
if (!hasQpdf()) console.warn('SKIPPED encrypted-PDF tests: qpdf is not installed (apt-get install qpdf); .ci/run installs it.');

describe('cancelling an import', () => {
  it('stops the file in progress and leaves nothing of it behind', async () => {
    const big = t.write('long.pdf', await numberedPdf(400));
    const before = snapshot();
    let cancelled = false;
    t.ws.subscribe((_e, p) => {
      const pr = p as { phase: string; pagesDone: number };
      if (!cancelled && pr.phase === 'extracting' && pr.pagesDone > 0) {
        cancelled = true;
        void t.ws.dispatch('documents.cancelImport', { importId: 'big-one' });
      }
    });
    const [r] = await t.call('documents.import', { caseId, paths: [big, big], importId: 'big-one' });
    expect(cancelled).toBe(true);
    expect(r).toMatchObject({ ok: false, code: 'cancelled' });
    expect(snapshot()).toEqual(before);
  });

  it('says so when there is nothing to cancel', async () => {
    expect(await t.call('documents.cancelImport', { importId: 'nothing' })).toEqual({ cancelled: false });
  });
});

describe('importing dropped files (bytes, not paths)', () => {
  it('imports each under its own name, reports failures by that name, and leaves no temporary file', async () => {
    const good = await numberedPdf(2, 'Dropped');
    const r = await t.call('documents.importFiles', {
      caseId,
      files: [
        { name: 'dropped.pdf', bytes: good },
        { name: '../../etc/evil.pdf', bytes: new TextEncoder().encode('not a pdf') },
      ],
    });
    expect(r[0]).toMatchObject({ ok: true, file: 'dropped.pdf', document: { title: 'Dropped', originalName: 'dropped.pdf' } });
    expect(r[1]).toMatchObject({ ok: false, file: '../../etc/evil.pdf', code: 'not_pdf' });
    expect(r[1].message).toMatch(/^evil\.pdf: /); // reduced to a plain file name inside the workspace
    expect(snapshot().tmp).toEqual([]);
  });

  it('refuses input that is not bytes', async () => {
    const r = await t.ws.dispatch('documents.importFiles', { caseId, files: [{ name: 'a.pdf', bytes: 'JVBERi0=' }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { 'files.0.bytes': 'Expected the file’s bytes.' } } });
  });
});

describe('text positions', () => {
  it('every text item’s offset points at its own words, on every page', async () => {
    const { generateSamplePdf } = await import('../../../resources/sample/generate-sample.ts');
    const [r] = await t.call('documents.import', { caseId, paths: [t.write('sample.pdf', await generateSamplePdf())] });
    const rows = t.ws.ctx.db.prepare('SELECT text, items FROM pages WHERE document_id = ? ORDER BY page_index').all(r.document.id) as Array<{ text: string; items: string }>;
    let checked = 0;
    for (const row of rows) {
      for (const [off, len] of (JSON.parse(row.items) as { items: number[][] }).items) {
        const s = row.text.slice(off!, off! + len!);
        expect(s).not.toMatch(/\n/);
        expect(s.trim()).toBe(s);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    const page1 = JSON.parse(rows[0]!.items) as { items: number[][] };
    const heading = page1.items.find(([o, l]) => rows[0]!.text.slice(o!, o! + l!) === '300.2 DEFINITIONS');
    expect(heading).toBeDefined();
  });
});
