// The CLI takes any unique beginning of an id (like git), says what exists when an id matches
// nothing, manages documents and cases, and never overwrites an export without --force.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { textPdf } from '../../fixtures/pdfs.ts';
import { seedIdentity, tempDir } from '../../support/workspace.ts';

let root: string;
let dataDir: string;
/** Every change is made by a person: the commands act as a reviewer made for the test. */
let acting: Record<string, string>;
beforeEach(() => {
  root = tempDir('credence-ids-cli-');
  dataDir = path.join(root, 'data');
  acting = seedIdentity(dataDir).env;
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

async function credence(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data-dir', dataDir], { out: (s) => out.push(s), err: (s) => err.push(s) }, { ...acting, ...env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const json = async (args: string[], env: Record<string, string> = {}) => {
  const r = await credence([...args, '--json'], env);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
};
const createCase = (agency: string, ori: string) => json(['cases', 'create', '--agency', agency, '--ori', ori, '--state', 'IL']);

describe('id prefixes', () => {
  it('accepts a unique prefix, refuses an ambiguous one listing the matches (exit 2), and lists the cases for an unknown one (exit 3)', async () => {
    // Make cases until two ids share a first character (at most 17 by pigeonhole).
    const made: Array<{ id: string; agencyName: string }> = [];
    let pair: [string, string] | null = null;
    for (let i = 1; !pair; i++) {
      const c = await createCase(`Agency ${i} Police Department`, `IL${String(i).padStart(7, '0')}`);
      const twin = made.find((m) => m.id[0] === c.id[0]);
      if (twin) pair = [twin.id, c.id];
      made.push(c);
    }
    const [a, b] = pair;
    const shared = a[0]!;
    let n = 1;
    while (a[n] === b[n]) n++;
    const unique = a.slice(0, n + 1);

    const shown = await json(['cases', 'show', '--case', unique.toUpperCase()]);
    expect(shown.id).toBe(a);

    const ambiguous = await credence(['cases', 'show', '--case', a.slice(0, n)]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain(`${a.slice(0, 8)}…`);
    expect(ambiguous.err).toContain(`${b.slice(0, 8)}…`);
    expect(ambiguous.err).toContain('Give more of the id.');
    expect(shared).toBe(a.slice(0, 1));

    const none = await credence(['documents', '--case', 'zzzz']);
    expect(none.code).toBe(3);
    expect(none.err).toMatch(/^credence: No case zzzz\. Cases: [0-9a-f]{8}… Agency \d+ Police Department/);
    expect(none.err).toContain('(run `npm run -s credence -- cases list --all`)');
    const noneJson = await credence(['documents', '--case', 'zzzz', '--json']);
    expect(JSON.parse(noneJson.out)).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('documents and cases from the command line', () => {
  it('renames, removes and restores a document and links evidence by id prefixes', async () => {
    const c = await createCase('Oakton Police Department', 'IL0000001');
    const pdf = path.join(root, 'scan_0042.pdf');
    fs.writeFileSync(pdf, await textPdf([{ lines: ['POLICE DEPARTMENT', 'DIRECTIVE: 412-B', 'SUBJECT: Vehicle Pursuits', 'Officers shall not pursue for a traffic offence alone.'] }], 'POLICE DEPARTMENT'));
    const [imported] = await json(['import', '--case', c.id.slice(0, 6), pdf]);
    const docPrefix = imported.documentId.slice(0, 6);
    const listed = await json(['documents', '--case', c.id.slice(0, 6)]);
    expect(listed).toMatchObject([{ title: '412-B Vehicle Pursuits', originalName: 'scan_0042.pdf' }]);

    const renamed = await json(['documents', 'rename', '--document', docPrefix, '--title', '412-B Pursuits']);
    expect(renamed).toMatchObject({ id: imported.documentId, title: '412-B Pursuits', originalName: 'scan_0042.pdf' });

    const a = await json(['annotate', '--case', c.id.slice(0, 6), '--document', docPrefix, '--page', '1', '--quote', 'shall not pursue for a traffic offence', '--item', 'mandatory.chokehold']);
    const d = await json(['determine', '--case', c.id.slice(0, 6), '--item', 'mandatory.chokehold', '--status', 'met', '--rationale', 'r', '--evidence', a.id.slice(0, 6)]);
    expect(d.evidenceIds).toEqual([a.id]);

    const removed = await credence(['documents', 'remove', '--case', c.id.slice(0, 6), '--document', docPrefix]);
    expect(removed.code, removed.err).toBe(0);
    expect(removed.out).toContain('Removed “412-B Pursuits” from the case. 1 highlight(s) on it kept, marked document-removed; 1 determination(s) resting on them are stale.');
    expect(removed.out).toContain(`documents restore --case ${c.id.slice(0, 8)} --document ${imported.documentId.slice(0, 8)}`);
    expect(await json(['documents', '--case', c.id])).toEqual([]);
    expect((await json(['highlights', '--case', c.id]))[0]).toMatchObject({ id: a.id, status: 'document-removed' });

    const back = await credence(['documents', 'restore', '--case', c.id.slice(0, 8), '--document', imported.documentId.slice(0, 8)]);
    expect(back.out).toBe('“412-B Pursuits” is back in the case, with its highlights.');
    expect((await json(['highlights', '--case', c.id]))[0]).toMatchObject({ status: 'active' });

    const badEvidence = await credence(['determine', '--case', c.id, '--item', 'mandatory.chokehold', '--status', 'met', '--rationale', 'r', '--evidence', 'zz']);
    expect(badEvidence.code).toBe(3);
    expect(badEvidence.err).toContain(`No highlight zz. Highlights: ${a.id.slice(0, 8)}… p. 1 of 412-B Pursuits.`);
  });

  it('warns of a second case for an ORI naming the existing one, and deletes only with the agency name typed back', async () => {
    const c = await createCase('Lake County Sheriff’s Office', 'IL0490000');
    const again = await credence(['cases', 'create', '--agency', 'Lake County SO', '--ori', 'IL0490000', '--state', 'IL']);
    expect(again.code).toBe(1);
    expect(again.err).toBe(`credence: A case for IL0490000 exists: Lake County Sheriff’s Office (${c.id}). Open it with \`npm run -s credence -- cases show --case ${c.id.slice(0, 8)}\`, or create another anyway with --allow-duplicate-ori.`);
    const second = await json(['cases', 'create', '--agency', 'Lake County SO', '--ori', 'IL0490000', '--state', 'IL', '--allow-duplicate-ori']);

    const wrong = await credence(['cases', 'delete', '--case', second.id.slice(0, 8), '--confirm', 'Lake County']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('Type the agency\'s name exactly (“Lake County SO”) to delete this case.');
    const done = await credence(['cases', 'delete', '--case', second.id.slice(0, 8), '--confirm', 'Lake County SO']);
    expect(done.code, done.err).toBe(0);
    expect((await json(['cases', 'list', '--all'])).map((x: { id: string }) => x.id)).toEqual([c.id]);
  });

  it('flags an overdue case in the list, in words', async () => {
    await json(['cases', 'create', '--agency', 'Oakton Police Department', '--ori', 'IL0000001', '--state', 'IL', '--due', '2020-01-31']);
    const r = await credence(['cases', 'list']);
    expect(r.out).toContain('2020-01-31 OVERDUE');
  });
});

describe('exports never overwrite without --force', () => {
  it('refuses an existing --out for export and bundle export, leaving the file as it was; --force replaces it', async () => {
    const env = { CREDENCE_PASSPHRASE: 'ana passphrase' };
    const ana = await json(['identity', 'create', '--name', 'Ana Reviewer', '--email', 'ana@body.example', '--role', 'reviewer'], env);
    const c = await createCase('Oakton Police Department', 'IL0000001');
    const out = path.join(root, 'case.credence-case');
    fs.writeFileSync(out, 'keep me');

    const bundle = await credence(['bundle', 'export', '--case', c.id.slice(0, 6), '--identity', ana.id.slice(0, 6), '--out', out], env);
    expect(bundle.code).toBe(1);
    expect(bundle.err).toBe(`credence: ${out} already exists. Choose another --out, or add --force to replace it.`);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');

    const packet = path.join(root, 'packet.zip');
    fs.writeFileSync(packet, 'keep me too');
    const exp = await credence(['export', '--case', c.id, '--out', packet]);
    expect(exp.code).toBe(1);
    expect(exp.err).toContain('already exists. Choose another --out, or add --force to replace it.');
    expect(fs.readFileSync(packet, 'utf8')).toBe('keep me too');

    const forced = await credence(['bundle', 'export', '--case', c.id, '--identity', ana.id, '--out', out, '--force'], env);
    expect(forced.code, forced.err).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });
});
