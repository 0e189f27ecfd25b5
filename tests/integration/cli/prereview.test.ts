// `credence prereview` as a user runs it: a real process on generated PDFs (files, a folder, a
// case), the JSON shape the issue fixes, one CSV row per document, exit 1 per failed file; then
// the real corpus when it is present.
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scannedPdf, textPdf } from '../../fixtures/pdfs.ts';
import { scannedPdf as stampedScan } from '../../fixtures/scans.ts';
import { RULE_IDS } from '../../../shared/domain/prereview/types.ts';
import { generateSamplePdf } from '../../../resources/sample/generate-sample.ts';
import { RULES_VERSION } from '../../../shared/domain/prereview/rules/index.ts';
import { corpusFile, corpusPresent, seedIdentity, tempDir } from '../../support/workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let dir: string;
beforeEach(() => {
  dir = tempDir('credence-prereview-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function credence(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/run.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CREDENCE_DATA_DIR: path.join(dir, 'default-data'), ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const header = ['Riverside Police Department', 'General Order 300 - Use of Force'];
/** A three-page order: a list whose banned item falls on the next page, after the running header. */
const orderPdf = () =>
  textPdf([
    { lines: [...header, 'Officers shall use de-escalation techniques when it is safe and feasible to do so.', 'Officers shall not use firearms in any of the following:', '(a) Firing into crowds.', 'Page 1'] },
    { lines: [...header, '(b) Firing warning shots.', 'Chokeholds are prohibited unless deadly force is justified.', 'Page 2'] },
    { lines: [...header, 'Any use of force, including pointing a firearm at a person, shall be reported.', 'Page 3'] },
  ]);

describe('credence prereview', () => {
  it('prints the issue’s JSON shape for every rule, with quotes and 1-based pages', async () => {
    const file = path.join(dir, 'go300.pdf');
    fs.writeFileSync(file, await orderPdf());
    const r = credence(['prereview', '--json', file]);
    expect(r.code).toBe(0);
    const [doc] = JSON.parse(r.out);
    expect(doc).toMatchObject({ file, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), isDirective: true, rulesVersion: RULES_VERSION });
    expect(Object.keys(doc.rules).sort()).toEqual([...RULE_IDS].sort());
    for (const id of RULE_IDS) expect(doc.rules[id]).toMatchObject({ stance: expect.any(String), evidence: expect.any(Array) });
    expect(doc.rules['warning-shots']).toMatchObject({ stance: 'prohibited', evidence: [{ page: 2, quote: '(b) Firing warning shots.', reason: expect.stringContaining('banned') }] });
    expect(doc.rules['de-escalation'].stance).toBe('required');
    expect(doc.rules.chokehold.stance).toBe('prohibited_except_deadly_force');
    expect(doc.rules['comprehensive-reporting']).toMatchObject({ stance: 'all_force_incl_pointing', evidence: [{ page: 3 }] });
    expect(JSON.stringify(doc)).not.toContain('Riverside Police Department');
    // Each document's 8 Can't Wait answers, from the same stances, with this document's pages.
    expect(doc.scorecard).toHaveLength(8);
    const sc = Object.fromEntries(doc.scorecard.map((x: { indicator: string }) => [x.indicator, x]));
    expect(sc['requires-de-escalation']).toMatchObject({ answer: 'yes', basis: [{ ruleId: 'de-escalation', stance: 'required' }], pages: [1], needsOcr: false });
    expect(sc['bans-chokeholds-and-strangleholds']).toMatchObject({ answer: 'partial', basis: [{ ruleId: 'chokehold', stance: 'prohibited_except_deadly_force' }, { ruleId: 'vascular', stance: 'not_addressed' }], pages: [2] });
    expect(sc['requires-comprehensive-reporting']).toMatchObject({ answer: 'yes', pages: [3] });
    expect(sc['has-use-of-force-continuum']).toMatchObject({ answer: 'no', pages: [] });
  });

  it('reads the sample order’s “Every use of force … is reported” as a reporting duty (pointing not named)', async () => {
    const file = path.join(dir, 'sample-go300.pdf');
    fs.writeFileSync(file, await generateSamplePdf());
    const r = credence(['prereview', '--json', file]);
    expect(r.code).toBe(0);
    const [doc] = JSON.parse(r.out);
    expect(doc.rules['comprehensive-reporting']).toMatchObject({ stance: 'partial', evidence: [{ page: 3, quote: expect.stringContaining('Every use of force beyond unresisted handcuffing is reported') }] });
    expect(doc.scorecard.find((x: { indicator: string }) => x.indicator === 'requires-comprehensive-reporting')).toMatchObject({ answer: 'partial', pages: [3] });
  });

  it('reads a folder, writes one CSV row per document, reports a scan as needing OCR, and exits 1 naming the file that failed', async () => {
    fs.mkdirSync(path.join(dir, 'state', 'county'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'state', 'go300.pdf'), await orderPdf());
    fs.writeFileSync(path.join(dir, 'state', 'county', 'scan.pdf'), await scannedPdf());
    fs.writeFileSync(path.join(dir, 'state', 'memo.pdf'), 'not a pdf');
    fs.writeFileSync(path.join(dir, 'state', 'notes.txt'), 'ignored');
    const r = credence(['prereview', '--csv', path.join(dir, 'state')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('memo.pdf: The file is not a PDF');
    const [head, ...rows] = r.out.trim().split('\n');
    expect(head!.split(',').slice(0, 7)).toEqual(['file', 'sha256', 'is_directive', 'rules_version', 'error', 'chokehold', 'chokehold pages']);
    expect(rows).toHaveLength(3);
    const go = rows.find((l) => l.includes('go300.pdf'))!.split(',');
    const col = (name: string) => go[head!.split(',').indexOf(name)];
    expect([col('warning-shots'), col('warning-shots pages'), col('chokehold pages')]).toEqual(['prohibited', '2', '2']);
    const scan = credence(['prereview', path.join(dir, 'state', 'county', 'scan.pdf')]);
    expect(scan.code).toBe(0);
    expect(scan.out).toContain('no text: needs OCR on page(s) 2, 3');
    // The scorecard never says yes on what it could not read, and says so.
    expect(scan.out).toContain("8 Can't Wait: requires de-escalation no (needs OCR);");
    // A scan its scanner stamped (a Bates number typed over the image) needs OCR just the same.
    const stamped = path.join(dir, 'stamped.pdf');
    fs.writeFileSync(stamped, await stampedScan([['Chokeholds are prohibited unless', 'deadly force is authorized by law.']], { stamp: 'Bates 000123' }));
    const [json] = JSON.parse(credence(['prereview', '--json', stamped]).out);
    expect(json.pagesWithoutText).toEqual([1]);
    expect(json.rules.chokehold.stance).toBe('no_text_needs_ocr');
  });

  it('refuses --json with --csv, and no input at all', () => {
    expect(credence(['prereview', '--json', '--csv', dir]).code).toBe(2);
    expect(credence(['prereview']).code).toBe(2);
  });

  it('pre-reviews a case’s documents with --case', async () => {
    const file = path.join(dir, 'go300.pdf');
    fs.writeFileSync(file, await orderPdf());
    const data = path.join(dir, 'data');
    const { env } = seedIdentity(data);
    const c = JSON.parse(credence(['cases', 'create', '--agency', 'Riverside Police Department', '--ori', 'IL9990000', '--state', 'IL', '--json', '--data-dir', data], env).out);
    expect(credence(['import', '--case', c.id, '--json', '--data-dir', data, file], env).code).toBe(0);
    const r = credence(['prereview', '--case', c.id, '--json', '--data-dir', data]);
    expect(r.code).toBe(0);
    const [doc] = JSON.parse(r.out);
    expect(doc.rules['warning-shots'].stance).toBe('prohibited');
    // The result is stored (per text and rule version) and the next run reads it back rather than
    // reading the document again: a stored reading marked here is what the second run prints.
    const db = new Database(path.join(data, 'credence.sqlite'));
    try {
      const row = db.prepare('SELECT rules_version, result FROM prereview_results').get() as { rules_version: string; result: string };
      expect(row.rules_version).toBe(RULES_VERSION);
      const marked = JSON.parse(row.result);
      marked.rules['warning-shots'].stance = 'restricted';
      db.prepare('UPDATE prereview_results SET result = ?').run(JSON.stringify(marked));
    } finally {
      db.close();
    }
    const again = credence(['prereview', '--case', c.id, '--json', '--data-dir', data]);
    expect(JSON.parse(again.out)[0].rules['warning-shots'].stance).toBe('restricted');
    expect(credence(['prereview', '--case', 'no-such-case', '--data-dir', data]).code).toBe(3);
  });
});

describe('credence prereview on the real corpus', () => {
  it.skipIf(!corpusPresent())('codes two real orders (skipped without ../shared/corpus or $CREDENCE_CORPUS)', () => {
    const r = credence(['prereview', '--json', corpusFile('VA_HarrisonburgPD_Lexipol300_Use_of_Force_2020.pdf'), corpusFile('IL_HanoverParkPD_205-P_Use_of_Force_2020.pdf')]);
    expect(r.code).toBe(0);
    const [va, hp] = JSON.parse(r.out);
    expect(va.rules.chokehold).toMatchObject({ stance: 'prohibited_except_deadly_force', evidence: [expect.objectContaining({ page: 3 })] });
    expect(va.rules['warning-shots'].stance).toBe('prohibited');
    expect(hp.rules['duty-to-intervene']).toMatchObject({ stance: 'required', evidence: [expect.objectContaining({ page: 5 })] });
    expect(hp.rules['comprehensive-reporting'].stance).toBe('all_force_incl_pointing');
  });
});
