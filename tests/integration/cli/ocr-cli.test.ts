// `credence import` reads scanned pages as part of the import (or leaves them waiting with
// --no-ocr) and says per document how many it read; `credence ocr` reads what is waiting, or
// everything again with --redo; ids by unique prefix, --json as elsewhere.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { scannedPdf } from '../../fixtures/scans.ts';
import { encrypt, hasQpdf } from '../../fixtures/pdfs.ts';
import { seedIdentity, tempDir } from '../../support/workspace.ts';

let root: string;
let dataDir: string;
let acting: Record<string, string>;
let caseId: string;
let scanA: string;
let scanB: string;
beforeAll(async () => {
  root = tempDir('credence-ocr-cli-');
  dataDir = path.join(root, 'data');
  acting = { ...seedIdentity(dataDir).env, CREDENCE_OCR_DPI: '150' };
  scanA = path.join(root, 'order-12.pdf');
  scanB = path.join(root, 'order-13.pdf');
  fs.writeFileSync(scanA, await scannedPdf([['Chokeholds are prohibited', 'unless deadly force is', 'authorized by law.']]));
  fs.writeFileSync(scanB, await scannedPdf([['Officers shall render', 'medical aid after force.']]));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function credence(args: string[], env: Record<string, string> = {}, stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const input = stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(stdin)]) };
  const code = await runCli([...args, '--data-dir', dataDir], { out: (s) => out.push(s), err: (s) => err.push(s), ...input }, { ...acting, ...env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('credence import and ocr', () => {
  it('imports with --no-ocr leaving the scanned page waiting, then `ocr` reads it (ids by prefix)', async () => {
    const c = await credence(['cases', 'create', '--agency', 'Scan County Sheriff', '--ori', 'IL0000777', '--state', 'IL', '--json']);
    caseId = JSON.parse(c.out).id;
    const imported = await credence(['import', '--case', caseId.slice(0, 8), '--no-ocr', scanA]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain('1 scanned page waiting for OCR');
    // The command to run next names this case, ready to paste.
    expect(imported.out).toContain(`ocr --case ${caseId})`);
    expect(imported.out).toContain(', 1 page,');
    expect((await credence(['search', '--case', caseId, 'chokeholds'])).out).toContain('No matches');

    const docId = JSON.parse((await credence(['documents', '--case', caseId, '--json'])).out)[0].id as string;
    const read = await credence(['ocr', '--case', caseId.slice(0, 8), '--document', docId.slice(0, 8)]);
    expect(read.code, read.err).toBe(0);
    expect(read.out).toMatch(/1 of 1 scanned page read by OCR \(mean confidence \d+(\.\d)?\)/);
    expect(read.err).toContain('OCR 0/1: reading page 1');
    const found = (await credence(['search', '--case', caseId, 'chokeholds'])).out;
    expect(found).toContain('*Chokeholds* are prohibited');
    expect(found).toContain('1 match, OCR text');
    // The documents table says what OCR has done, not how many pages once needed it.
    expect((await credence(['documents', '--case', caseId])).out).toMatch(/ 1 +1\/1 +[0-9a-f]{64} /);
  });

  it('reads scanned pages as part of an import, saying how many per document (--json too)', async () => {
    const r = await credence(['import', '--case', caseId, scanB, '--json']);
    expect(r.code, r.err).toBe(0);
    const [x] = JSON.parse(r.out);
    expect(x).toMatchObject({ ok: true, pages: 1, pagesNeedingOcr: 1, ocr: { pagesOcr: 1, pending: 0, failed: 0, failures: [] } });
    expect(r.err).toBe('');
  });

  it('reads everything again with --redo, and says when nothing is waiting', async () => {
    const again = await credence(['ocr', '--case', caseId, '--redo', '--json']);
    expect(again.code, again.err).toBe(0);
    const rows = JSON.parse(again.out);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ pagesOcr: 1, pending: 0, failed: 0 });
    const idle = await credence(['ocr', '--case', caseId]);
    expect(idle.code, idle.err).toBe(0);
    expect(idle.out).toContain('Nothing was waiting for OCR (read the pages again with --redo).');
    expect((await credence(['ocr', '--case', caseId, '--no-ocr'])).code).toBe(2);
  });

  it('import fails (exit 1) when OCR cannot read a page of what it imported, not for an old failure of a known file', async () => {
    const big = path.join(root, 'order-15.pdf');
    fs.writeFileSync(big, await scannedPdf([['Officers shall de-escalate'], ['Officers shall warn']]));
    const first = await credence(['import', '--case', caseId, big], { CREDENCE_OCR_PAGE_LIMIT: '1' });
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/1 of 2 scanned pages read by OCR \(mean confidence [\d.]+\); Page 2 was not read: OCR reads at most 1 page of one document/);
    // The same file again: nothing is read or fails this time, and the command says done.
    const again = await credence(['import', '--case', caseId, big], { CREDENCE_OCR_PAGE_LIMIT: '1' });
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('(already in the workspace)');
  });

  it('a page whose reading again fails keeps its earlier text, is counted once, and fails the command', async () => {
    const two = path.join(root, 'order-14.pdf');
    fs.writeFileSync(two, await scannedPdf([['Officers shall intervene'], ['Officers shall report force']]));
    const r = await credence(['import', '--case', caseId, two, '--json']);
    expect(r.code, r.err).toBe(0);
    const documentId = JSON.parse(r.out)[0].documentId as string;
    // Read again with a limit of one page per document: page 2 fails over the limit.
    const again = await credence(['ocr', '--case', caseId, '--document', documentId, '--redo'], { CREDENCE_OCR_PAGE_LIMIT: '1' });
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/2 of 2 scanned pages read by OCR \(mean confidence [\d.]+\); Page 2 was not read: OCR reads at most 1 page of one document\. Ask the agency for the file in smaller parts\. \(its earlier OCR text is kept\)$/);
    const json = JSON.parse((await credence(['documents', '--case', caseId, '--json'])).out).find((d: { id: string }) => d.id === documentId);
    expect(json.ocr).toMatchObject({ total: 2, pagesOcr: 2, failed: 1, failedKept: 1, failures: [{ page: 2, kept: true }] });
    expect((await credence(['search', '--case', caseId, '"report force"'])).out).toContain('page 2');
  });

  it('`ocr` leaves a page the app is reading to the app, says so, and ends when it has landed', async () => {
    const two = path.join(root, 'order-16.pdf');
    fs.writeFileSync(two, await scannedPdf([['Officers shall not use neck restraints'], ['Officers shall warn before shooting']]));
    const r = await credence(['import', '--case', caseId, '--no-ocr', two, '--json']);
    expect(r.code, r.err).toBe(0);
    const documentId = JSON.parse(r.out)[0].documentId as string;
    // The app (here: a running process that is not this one) has claimed page 2 and is reading it.
    const app = new Database(path.join(dataDir, 'credence.sqlite'));
    try {
      app.prepare('UPDATE page_ocr SET claim_owner = ?, claimed_at = ? WHERE document_id = ? AND page_index = 1').run(`${process.ppid}:0a0b0c0d0e0f`, Date.now(), documentId);
      const out: string[] = [];
      const err: string[] = [];
      let landed = false;
      const code = await runCli(['ocr', '--case', caseId, '--document', documentId, '--data-dir', dataDir], {
        out: (s) => out.push(s),
        err: (s) => {
          err.push(s);
          // Told it waits for the app: the app stores its reading of page 2, as it would.
          if (!landed && s.includes('being read by another Credence process')) {
            landed = true;
            app.prepare(`UPDATE pages SET text = 'Officers shall warn before shooting' WHERE document_id = ? AND page_index = 1`).run(documentId);
            app.prepare(`UPDATE page_ocr SET source = 'ocr', status = 'done', mean_confidence = 90, claim_owner = NULL, claimed_at = NULL WHERE document_id = ? AND page_index = 1`).run(documentId);
          }
        },
      }, acting);
      expect(code, err.join('\n')).toBe(0);
      expect(err.join('\n')).toContain('OCR: 1 page is being read by another Credence process (the app, or another command); waiting for it.');
      // This command read page 1 only; page 2 is the app's, and both are counted as read.
      expect(err.filter((l) => l.includes('reading page'))).toEqual(['OCR 0/2: reading page 1…']);
      expect(out.join('\n')).toMatch(/2 of 2 scanned pages read by OCR/);
    } finally {
      app.close();
    }
  });
  it.skipIf(!hasQpdf())('an encrypted scan: read with the password given to import; one whose password was not kept fails saying so, and --password reads it (qpdf makes the fixture)', async () => {
    const locked = path.join(root, 'locked-order-14.pdf');
    fs.writeFileSync(locked, encrypt(await scannedPdf([['Vehicle pursuits are restricted', 'to violent felonies.']]), 'pw 14'));
    const r = await credence(['import', '--case', caseId, '--password', 'pw 14', locked, '--json']);
    expect(r.code, r.err).toBe(0);
    const [x] = JSON.parse(r.out);
    expect(x).toMatchObject({ ok: true, ocr: { pagesOcr: 1, failed: 0 } });

    // As if imported before passwords were kept.
    const db = new Database(path.join(dataDir, 'credence.sqlite'));
    db.prepare('DELETE FROM document_passwords WHERE document_id = ?').run(x.documentId);
    db.close();
    const failed = await credence(['ocr', '--case', caseId, '--document', x.documentId, '--redo']);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('This PDF is password-protected and the workspace has no password that opens it');
    expect(failed.out).toContain('(from the command line: ocr --case ID --document ID --password-stdin)');
    expect((await credence(['ocr', '--case', caseId, '--password', 'pw 14'])).code).toBe(2); // which document?
    // A typo is refused before anything is kept or read.
    const typo = await credence(['ocr', '--case', caseId, '--document', x.documentId, '--password', 'pw 41']);
    expect(typo.code).not.toBe(0);
    expect(typo.err).toContain('That password does not open this PDF');
    const read = await credence(['ocr', '--case', caseId, '--document', x.documentId, '--password', 'pw 14']);
    expect(read.code, read.err).toBe(0);
    expect(read.out).toMatch(/1 of 1 scanned page read by OCR/);
  });

  it.skipIf(!hasQpdf())('--password-stdin reads the password from standard input, off the command line (qpdf makes the fixture)', async () => {
    const locked = path.join(root, 'locked-order-15.pdf');
    fs.writeFileSync(locked, encrypt(await scannedPdf([['Vehicle pursuits end when', 'the risk outweighs the need.']]), 'pw 15'));
    const args = ['import', '--case', caseId, '--password-stdin', locked, '--json'];
    // The first line is the password; its line ending (\r\n too) is not part of it.
    const r = await credence(args, {}, 'pw 15\r\nsecond line ignored\n');
    expect(r.code, r.err).toBe(0);
    expect(args.join(' ')).not.toContain('pw 15');
    const [x] = JSON.parse(r.out);
    expect(x).toMatchObject({ ok: true, ocr: { pagesOcr: 1, failed: 0 } });

    const db = new Database(path.join(dataDir, 'credence.sqlite'));
    db.prepare('DELETE FROM document_passwords WHERE document_id = ?').run(x.documentId);
    db.close();
    expect((await credence(['ocr', '--case', caseId, '--document', x.documentId, '--redo'])).code).toBe(1);
    // Refused, with nothing kept: nothing piped in, a typo, both ways at once, one too long.
    const empty = await credence(['ocr', '--case', caseId, '--document', x.documentId, '--password-stdin'], {}, '');
    expect(empty).toMatchObject({ code: 2, err: expect.stringContaining('--password-stdin read no password') });
    const typo = await credence(['ocr', '--case', caseId, '--document', x.documentId, '--password-stdin'], {}, 'pw 51\n');
    expect(typo.code).not.toBe(0);
    expect(typo.err).toContain('That password does not open this PDF');
    const both = await credence(['ocr', '--case', caseId, '--document', x.documentId, '--password', 'pw 15', '--password-stdin'], {}, 'pw 15\n');
    expect(both).toMatchObject({ code: 2, err: expect.stringContaining('Give the password once') });
    const long = await credence(['ocr', '--case', caseId, '--document', x.documentId, '--password-stdin'], {}, `${'x'.repeat(1025)}\n`);
    expect(long).toMatchObject({ code: 2, err: expect.stringContaining('longer than 1024 characters') });

    const read = await credence(['ocr', '--case', caseId, '--document', x.documentId, '--password-stdin'], {}, 'pw 15\n');
    expect(read.code, read.err).toBe(0);
    expect(read.out).toMatch(/1 of 1 scanned page read by OCR/);
  });

  it('`ocr --text-layer` reads pages over a scanner’s own text layer by OCR, and refuses bad page ranges', async () => {
    const c = await credence(['cases', 'create', '--agency', 'Copier County Sheriff', '--ori', 'IL0000779', '--state', 'IL', '--json']);
    const id = JSON.parse(c.out).id as string;
    const copied = path.join(root, 'order-20-copier.pdf');
    const printed = ['Officers shall not use a chokehold', 'or any carotid restraint unless', 'deadly force is authorized by law.', 'Officers shall intervene to stop', 'excessive force by another officer', 'and shall report it to a supervisor.', 'All uses of force are reviewed.', 'Every report is kept five years.'];
    const misread = ['Officers shall not use a chokehoId', 'or any carotld restraint unIess', 'deadly force is authorlzed by Iaw.', 'Officers shall intervene to stop', 'excessive force by another officer', 'and shall report it to a superviser.', 'All uses of force are revlewed.', 'Every report is kept flve years.'];
    fs.writeFileSync(copied, await scannedPdf([printed, printed], { fontSize: 22, scannerText: [misread, misread] }));
    const imported = await credence(['import', '--case', id, copied, '--json']);
    const documentId = JSON.parse(imported.out)[0].documentId as string;
    expect(JSON.parse(imported.out)[0].pagesNeedingOcr).toBe(0);
    // The import looked for the scanner's text: both pages carry it.
    expect(JSON.parse(imported.out)[0].scannerText).toEqual({ count: 2, runs: [[1, 2]] });
    const human = path.join(root, 'order-20-copier-b.pdf');
    fs.writeFileSync(human, await scannedPdf([printed, printed], { fontSize: 22, scannerText: [misread, []], stamp: 'COPY B' }));
    const told = await credence(['import', '--case', id, '--no-ocr', human]);
    expect(told.out).toMatch(/\n +page 1 carries a scanner's own OCR text, which may misread words; read it with Credence's OCR: npm run -s credence -- ocr --case \S+ --document \S+ --text-layer --scanner-text/);

    for (const [args, message] of [
      [['--page', '0'], /--page takes a page number or a range such as 3-7, counting from 1; "0" is neither\./],
      [['--page', '2-1'], /"2-1" is neither/],
      [['--page', '1;2'], /"1;2" is neither/],
      [['--page', '3'], /The document has 2 pages; choose pages from 1 to 2\./],
    ] as const) {
      const r = await credence(['ocr', '--case', id, '--document', documentId, '--text-layer', ...args]);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(message);
    }
    const noDoc = await credence(['ocr', '--case', id, '--text-layer']);
    expect(noDoc.err).toContain('--document is required.');
    const stray = await credence(['ocr', '--case', id, '--page', '1']);
    expect(stray.err).toContain('--page belongs to ocr with --text-layer');
    const strayScanner = await credence(['ocr', '--case', id, '--scanner-text']);
    expect(strayScanner.err).toContain('--scanner-text belongs to ocr with --text-layer');

    const read = await credence(['ocr', '--case', id, '--document', documentId.slice(0, 8), '--text-layer', '--page', '2']);
    expect(read.code, read.err).toBe(0);
    expect(read.out).toContain("Page 2: 1 read by OCR over the file's own text.");
    expect(read.out).toMatch(/1 of 1 scanned page read by OCR/);
    const found = (await credence(['search', '--case', id, 'chokehold', '--json'])).out;
    expect((JSON.parse(found) as Array<{ page: number; ocr: boolean }>).map((h) => [h.page, h.ocr])).toEqual([[2, true]]);

    const again = await credence(['ocr', '--case', id, '--document', documentId, '--text-layer', '--scanner-text', '--json']);
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out).textLayer).toEqual({ queued: 1, alreadyOcr: 1, fromPage: 1, toPage: 2 });
    // Read by Credence, the pages no longer carry the scanner's text.
    const docs = JSON.parse((await credence(['documents', '--case', id, '--json'])).out) as Array<{ id: string; scannerText: unknown }>;
    expect(docs.find((d) => d.id === documentId)!.scannerText).toBeNull();
    expect(docs.find((d) => d.id !== documentId)!.scannerText).toEqual({ count: 1, runs: [[1, 1]] });

    // And back: page 2 on the file's own text again, the scanner's misreadings searchable there.
    const clash = await credence(['ocr', '--case', id, '--document', documentId, '--file-text', '--redo']);
    expect(clash.code).not.toBe(0);
    expect(clash.err).toContain("--file-text puts pages back on the file's own text; it does not go with --redo.");
    const back = await credence(['ocr', '--case', id, '--document', documentId, '--file-text', '--page', '2']);
    expect(back.code, back.err).toBe(0);
    expect(back.out).toContain("Page 2: 1 back on the file's own text");
    const hits = async (q: string) => (JSON.parse((await credence(['search', '--case', id, q, '--json'])).out) as Array<{ documentId: string; page: number; ocr: boolean }>).filter((h) => h.documentId === documentId).map((h) => [h.page, h.ocr]);
    expect(await hits('chokehold')).toEqual([[1, true]]);
    expect(await hits('chokehoId')).toEqual([[2, false]]);
    const none = await credence(['ocr', '--case', id, '--document', documentId, '--file-text', '--page', '2', '--json']);
    expect(JSON.parse(none.out)).toEqual({ restored: 0, withoutFileText: 0, fromPage: 2, toPage: 2 });
  });
});
