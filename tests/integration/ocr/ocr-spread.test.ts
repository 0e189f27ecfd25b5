// Two facing pages of a bound manual scanned open, as one landscape sheet: read page after page,
// each sentence whole, never a line of the left page run into the line beside it on the right.
// (Read as one column, every line ran across the fold: "…overcome real or threatened 4. Officers
// shall not use a choke hold…".)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scannedPdf } from '../../fixtures/scans.ts';
import { tempWorkspace } from '../../support/workspace.ts';

// Short paragraphs, spaced apart differently on each page: tesseract makes them blocks too short
// for any two side by side to share three lines' height.
const LEFT = ['Level 3: weaponless control', 'consists of holds and pressure', 'point control techniques.', '', 'The supervisor will respond to', 'any use of force above Level 3.', '', 'Level 4: strikes and kicks', 'are impact techniques.', '', '', 'Level 5: impact tools are used', 'at the level of intensity needed.'];
const RIGHT = ['', 'Officers shall not use a choke', 'hold unless deadly force is', 'justified.', '', '', 'Officers may use less lethal', 'force to protect the officer', 'or others from harm.', '', 'Every use of force is reported', 'to the watch commander.'];
let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let documentId: string;

beforeAll(async () => {
  t = tempWorkspace({ ocr: { auto: true, poolSize: 1, limits: { dpi: 150 } } });
  caseId = (await t.call('cases.create', { agencyName: 'Bound Manual Police Department', ori: 'IL0000018', state: 'IL' })).id;
  const pdf = await scannedPdf([LEFT, RIGHT], { spread: true });
  const [r] = await t.call('documents.import', { caseId, paths: [t.write('spread.pdf', pdf)] });
  documentId = r.document.id;
  await t.ws.services.ocr.whenIdle();
});
afterAll(() => t.cleanup());

const sentence = (lines: string[]) => lines.join(' ');

it('reads the left page, then the right, each sentence whole', async () => {
  const page = await t.call('ocr.pageWords', { caseId, documentId, page: 1 });
  expect(page).toMatchObject({ source: 'ocr', status: 'done' });
  const text = (t.ws.ctx.db.prepare('SELECT text FROM pages WHERE document_id = ?').get(documentId) as { text: string }).text.replace(/\s+/g, ' ');
  expect(text).toContain(sentence(RIGHT.slice(1, 4)));
  expect(text).toContain(sentence(LEFT.slice(0, 3)));
  expect(text).toContain(sentence(LEFT.slice(4, 6)));
  expect(text).toContain(sentence(RIGHT.slice(6, 9)));
  expect(text.indexOf('Level 5: impact tools')).toBeLessThan(text.indexOf('Officers shall not use a choke'));
  // And so search finds the rule as a phrase.
  expect((await t.call('search.query', { caseId, query: '"choke hold unless deadly force"' })).map((h: { page: number }) => h.page)).toEqual([1]);
});
