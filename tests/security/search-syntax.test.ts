// Search boxes get pasted into: operators, stray quotes, lone punctuation. Every query either
// answers hits (possibly none) or says plainly what it could not read — never an internal error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textPdf } from '../fixtures/pdfs.ts';
import { tempWorkspace } from '../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
beforeAll(async () => {
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
  const uof = await textPdf([{ lines: ['Chokeholds are prohibited unless deadly force is justified.', 'Force-on-force training occurs annually.'] }], 'Use of Force Policy');
  await t.call('documents.import', { caseId, paths: [t.write('uof.pdf', uof)] });
});
afterAll(() => t.cleanup());

const NASTY = [
  '*', '**', 'chokehold*', '*chokehold', 'AND', 'OR', 'NOT', 'NEAR', 'AND OR NOT', 'chokehold AND', 'OR chokehold', 'NOT chokehold',
  'NEAR(', 'NEAR(chokehold', 'NEAR(chokehold force', 'NEAR(chokehold force, 3)', 'NEAR(chokehold, x)', '"', '""', '"""', '"chokehold', 'chokehold"',
  '-', '--', '-chokehold', '+', '^', '^chokehold', ':', 'title:chokehold', 'text:chokehold', 'nosuchcolumn:chokehold', '(', ')', '()', '(chokehold', 'chokehold)',
  '{', '}', '{text}: chokehold', '{nosuch}: x', '[', ']', '.', ',', ';', "'", '\\', '/', '%', '&', '|', '~', '$', '#', '@', '!', '?', '=', '<', '>',
  'a OR', 'chokehold OR OR force', 'NEAR/3', 'chokehold NEAR/3 force', 'chokehold NEAR force', '"chokehold force" OR', 'force-on-force', '300.5',
  'char(0)', "'; DROP TABLE pages; --", 'pages_fts', 'rank:1', '*:*', 'chokehold^', 'x'.repeat(500), '\u0000', '\u001b[31m', '\u202e', '🙂', 'ß*', '\u00ad',
];

describe('search syntax from hostile or careless input', () => {
  it.each(NASTY.map((q) => [JSON.stringify(q).slice(0, 40), q]))('%s answers hits or a clear invalid_input, never an internal error', async (_label, query) => {
    const r = await t.ws.dispatch('search.query', { caseId, query });
    if (r.ok) {
      expect(Array.isArray(r.value)).toBe(true);
      return;
    }
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.message).not.toMatch(/fts5|sqlite|syntax error|internal|went wrong/i);
    expect(r.error.message.length).toBeGreaterThan(20);
  });

  it('explains a query with no words, and how to search symbols literally', async () => {
    const r = await t.ws.dispatch('search.query', { caseId, query: '*' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (r.ok) return;
    expect(r.error.message).toContain('Search could not read `*`');
    expect(r.error.message).toContain('put words in quotes to search them literally');
  });

  it('still finds the words around stray operators', async () => {
    const hits = (await t.call('search.query', { caseId, query: 'chokehold AND' })) as Array<{ page: number }>;
    expect(hits.map((h) => h.page)).toEqual([1]);
    expect(await t.call('search.query', { caseId, query: 'NEAR(chokehold' })).toHaveLength(1);
  });
});
