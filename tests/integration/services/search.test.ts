import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textPdf } from '../../fixtures/pdfs.ts';
import { tempWorkspace } from '../../support/workspace.ts';

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let otherCase: string;
beforeAll(async () => {
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Test Police Department', ori: 'IL0000001', state: 'IL' })).id;
  otherCase = (await t.call('cases.create', { agencyName: 'Other Police Department', ori: 'IL0000002', state: 'IL' })).id;
  const uof = await textPdf(
    [
      { lines: ['Use of Force', 'Officers shall use de-escalation techniques when feasible.'] },
      { lines: ['Chokeholds are prohibited unless deadly force is justified.', 'No pressure to the neck or throat.'] },
      { lines: ['Force-on-force training occurs annually.', 'The café détente rule applies.'] },
    ],
    'Use of Force Policy',
  );
  const canine = await textPdf([{ lines: ['Canine equipment: choke collar, leash.'] }], 'Canine Unit');
  await t.call('documents.import', { caseId, paths: [t.write('uof.pdf', uof), t.write('k9.pdf', canine)] });
  await t.call('documents.import', { caseId: otherCase, paths: [t.write('other.pdf', await textPdf([{ lines: ['Chokehold chokehold chokehold everywhere.'] }], 'Other agency'))] });
});
afterAll(() => t.cleanup());

const search = (query: string, id = caseId) => t.call('search.query', { caseId: id, query });

describe('case-wide search', () => {
  it('finds stemmed forms, gives the 1-based page and marks the match in the snippet', async () => {
    const hits = await search('chokehold');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ documentTitle: 'Use of Force Policy', page: 2 });
    expect(hits[0].snippet).toContain('[[Chokeholds]] are prohibited');
  });

  it('says how many times the words occur on each page, as the viewer’s find counts them', async () => {
    expect((await search('chokehold', otherCase)).map((h: { page: number; matches: number }) => [h.page, h.matches])).toEqual([[1, 3]]);
    expect((await search('chokehold'))[0].matches).toBe(1);
    // Every word counts, a phrase once per occurrence, accents ignored.
    const force = Object.fromEntries((await search('force')).map((h: { page: number; matches: number }) => [h.page, h.matches]));
    expect(force).toEqual({ 1: 1, 2: 1, 3: 2 });
    expect((await search('"deadly force"'))[0]).toMatchObject({ page: 2, matches: 1 });
    expect((await search('cafe detente'))[0]).toMatchObject({ page: 3, matches: 2 });
  });

  it('searches only the documents of the case asked about', async () => {
    expect((await search('everywhere')).length).toBe(0);
    expect((await search('everywhere', otherCase))[0].documentTitle).toBe('Other agency');
  });

  it('ranks by relevance across documents', async () => {
    const hits = await search('choke');
    expect(hits.map((h: { documentTitle: string }) => h.documentTitle)).toEqual(['Canine Unit']);
    const both = await search('neck OR collar');
    expect(both.map((h: { page: number }) => h.page).sort()).toEqual([1, 2]);
  });

  it('treats plain words as words: hyphens, dots and accents just work', async () => {
    expect((await search('force-on-force'))[0]).toMatchObject({ page: 3 });
    expect((await search('cafe detente'))[0]).toMatchObject({ page: 3 });
  });

  it('supports exact phrases', async () => {
    expect((await search('"deadly force is justified"'))[0]).toMatchObject({ page: 2 });
    expect(await search('"force is deadly"')).toEqual([]);
  });

  it('answers an unmatched quote with a message, not a crash', async () => {
    const r = await t.ws.dispatch('search.query', { caseId, query: '"deadly force' });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Search could not read `"deadly force`: it has an opening quote (") without a closing one. Add the closing quote to search for an exact phrase, or remove it.',
        fields: { query: 'Unmatched quote.' },
      },
    });
  });

  it('recovers from other FTS syntax slips by searching the words', async () => {
    expect((await search('chokeholds AND (deadly'))[0]).toMatchObject({ page: 2 });
  });

  it('refuses an empty query with a field message', async () => {
    const r = await t.ws.dispatch('search.query', { caseId, query: '   ' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { query: 'Type something to search for.' } } });
  });
});
