// The search's top hits are exactly SQLite's own: the rows, order and scores of a plain
// `ORDER BY bm25(pages_fts) LIMIT n` over the case's pages, for many kinds of query, on a
// generated workspace (a real SQLite file in a temp folder), before and after documents are
// added and removed (which change every idf and the average page length). Any faster ranking
// must keep this test as it is.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsQueryFor, plainFtsQuery } from '../../../shared/domain/search/query.ts';
import { tempWorkspace } from '../../support/workspace.ts';

// Weighted like policy text: a few words on nearly every page, some on many, some rare.
const COMMON = ['shall', 'not', 'the', 'officer', 'of', 'and', 'to'];
const MIDDLE = ['force', 'deadly', 'supervisor', 'review', 'complaint', 'report', 'policy', 'member', 'use', 'reasonable', 'police', 'policies', 'policing'];
const RARE = ['neck', 'chokehold', 'carotid', 'restraint', 'taser', 'baton', 'de-escalation', 'early', 'intervention', 'vascular', 'canine', 'pursuit'];

let seed = 7;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
function pageText(i: number): string {
  // One page in five has exactly 30 words of one kind, so equal scores (ties) are common.
  if (i % 5 === 0) return Array.from({ length: 30 }, (_, k) => (k === 0 ? pick(MIDDLE) : k === 1 ? pick(RARE) : 'the')).join(' ');
  const n = 10 + Math.floor(rand() * 150);
  const out: string[] = [];
  while (out.length < n) {
    const r = rand();
    if (r < 0.55) out.push(pick(COMMON));
    else if (r < 0.9) out.push(pick(MIDDLE));
    else if (r < 0.97) out.push(pick(RARE));
    else out.push('deadly force', 'shall not'); // phrases
  }
  return out.join(' ');
}

let t: ReturnType<typeof tempWorkspace>;
let caseId: string;
let smallCase: string;
let pageNo = 0;

function addDocument(toCase: string, pages: number): string {
  const db = t.ws.ctx.db;
  const id = crypto.randomUUID();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO documents (id, sha256, fingerprint, byte_size, page_count, title, original_name, extractor_version, imported_by, imported_at) VALUES (?, ?, 'f', 0, ?, ?, ?, 'test', 'test', 'now')`,
    ).run(id, crypto.createHash('sha256').update(id).digest('hex'), pages, `Doc ${id.slice(0, 8)}`, `${id}.pdf`);
    const page = db.prepare(`INSERT INTO pages (document_id, page_index, text, items) VALUES (?, ?, ?, '[]')`);
    for (let p = 0; p < pages; p++) page.run(id, p, pageText(pageNo++));
    db.prepare(`INSERT INTO case_documents VALUES (?, ?, 'test', 'now')`).run(toCase, id);
  })();
  return id;
}

/**
 * Two documents stored at once, as two imports staging a slice per transaction do: their pages
 * take turns, so neither document's rowids are one run. `stagedOnly`: the second is left staged
 * (its pages in the index, linked to no case), as while its import is still running.
 */
function interleaved(a: { toCase: string; pages: number }, b: { toCase: string; pages: number; stagedOnly?: boolean }, slice = 3) {
  const db = t.ws.ctx.db;
  const ids = [crypto.randomUUID(), crypto.randomUUID()];
  const insertDoc = db.prepare(
    `INSERT INTO documents (id, sha256, fingerprint, byte_size, page_count, title, original_name, extractor_version, imported_by, imported_at) VALUES (?, ?, 'f', 0, ?, ?, ?, 'test', 'test', 'now')`,
  );
  const page = db.prepare(`INSERT INTO pages (document_id, page_index, text, items) VALUES (?, ?, ?, '[]')`);
  [a, b].forEach((d, i) => insertDoc.run(ids[i], crypto.createHash('sha256').update(ids[i]!).digest('hex'), d.pages, `Doc ${ids[i]!.slice(0, 8)}`, `${ids[i]}.pdf`));
  db.prepare(`INSERT INTO document_staging VALUES (?, 1, 'now'), (?, 1, 'now')`).run(ids[0], ids[1]);
  const next = [0, 0];
  while (next[0]! < a.pages || next[1]! < b.pages)
    [a, b].forEach((d, i) => {
      for (let k = 0; k < slice && next[i]! < d.pages; k++) page.run(ids[i], next[i]!++, pageText(pageNo++));
    });
  db.prepare('DELETE FROM document_staging WHERE document_id = ?').run(ids[0]);
  db.prepare(`INSERT INTO case_documents VALUES (?, ?, 'test', 'now')`).run(a.toCase, ids[0]);
  if (!b.stagedOnly) {
    db.prepare('DELETE FROM document_staging WHERE document_id = ?').run(ids[1]);
    db.prepare(`INSERT INTO case_documents VALUES (?, ?, 'test', 'now')`).run(b.toCase, ids[1]);
  }
  return ids as [string, string];
}

function removeDocument(id: string) {
  const db = t.ws.ctx.db;
  db.transaction(() => {
    db.prepare('DELETE FROM case_documents WHERE document_id = ?').run(id);
    db.prepare('DELETE FROM pages WHERE document_id = ?').run(id);
    db.prepare('DELETE FROM documents WHERE id = ?').run(id);
  })();
}

/** SQLite's ranking, plainly: every page of the case that matches, by bm25, first `limit`. */
function plain(match: string, inCase: string, limit = 50, tieByRowid = false) {
  return t.ws.ctx.db
    .prepare<unknown[], { id: number; score: number }>(
      `SELECT rowid AS id, bm25(pages_fts) AS score FROM pages_fts
       WHERE pages_fts MATCH ? AND +rowid IN (SELECT p.id FROM pages p JOIN case_documents cd ON cd.document_id = p.document_id WHERE cd.case_id = ?)
       ORDER BY bm25(pages_fts)${tieByRowid ? ', rowid' : ''} LIMIT ?`,
    )
    .all(match, inCase, limit)
    .map((r) => [r.id, r.score]);
}

async function searched(query: string, inCase: string, limit = 50) {
  const hits: Array<{ documentId: string; page: number; score: number }> = await t.call('search.query', { caseId: inCase, query, limit });
  const row = t.ws.ctx.db.prepare<[string, number], { id: number }>('SELECT id FROM pages WHERE document_id = ? AND page_index = ?');
  return hits.map((h) => [row.get(h.documentId, h.page - 1)!.id, h.score]);
}

// As typed, and as the search hands it to FTS5 (plain words are quoted one by one).
const QUERIES = [
  'shall', 'not', 'the', 'force', 'neck', 'chokehold', 'shall not', 'the shall not officer', 'deadly force', 'supervisor review complaint',
  'de-escalation', 'early intervention', 'vascular neck restraint',
  '"deadly force"', '"shall not"', '"the the the"', 'taser OR baton', 'shall OR not OR force', 'force NOT deadly', 'the NOT shall',
  'polic*', 'shall polic*', '"deadly forc"*', 'NEAR(deadly force, 3)', '(shall OR neck) AND force', '"shall" "not" NOT neck', 'text:force',
];
const asFts = ftsQueryFor;

async function expectSameAsPlain() {
  for (const q of QUERIES) {
    for (const c of [caseId, smallCase]) {
      for (const limit of [50, 7]) {
        const want = plain(asFts(q), c, limit);
        // Ties in bm25 go to the lower rowid (the page stored first): say so, so no one has to guess.
        expect(plain(asFts(q), c, limit, true), q).toEqual(want);
        expect(await searched(q, c, limit), `${q} (limit ${limit})`).toEqual(want);
      }
    }
  }
}

beforeAll(async () => {
  t = tempWorkspace();
  caseId = (await t.call('cases.create', { agencyName: 'Ranking Police Department', ori: 'IL0000001', state: 'IL' })).id;
  smallCase = (await t.call('cases.create', { agencyName: 'Small Police Department', ori: 'IL0000002', state: 'IL' })).id;
  for (let d = 0; d < 6; d++) addDocument(caseId, 400);
  addDocument(smallCase, 150);
  addDocument(caseId, 300);
});
afterAll(() => t?.cleanup());

describe('search ranking is exactly SQLite’s bm25 ordering', () => {
  it('has ties to break and queries that match most pages', () => {
    const top = plain('"the"', caseId, 200).map(([, s]) => s);
    expect(new Set(top).size).toBeLessThan(top.length); // equal scores among the first 200
    const n = t.ws.ctx.db.prepare(`SELECT count(*) AS n FROM pages_fts WHERE pages_fts MATCH '"shall"'`).get() as { n: number };
    expect(n.n).toBeGreaterThan(1500);
  });

  it('returns the same rows, order and scores as ORDER BY bm25 for every kind of query', async () => {
    await expectSameAsPlain();
  });

  it('still does after documents are added and removed (idf and average length change)', async () => {
    const added = addDocument(caseId, 250);
    const other = addDocument(smallCase, 80);
    await expectSameAsPlain();
    removeDocument(added);
    removeDocument(t.ws.ctx.db.prepare<[string], { document_id: string }>('SELECT document_id FROM case_documents WHERE case_id = ? ORDER BY document_id LIMIT 1').get(caseId)!.document_id);
    await expectSameAsPlain();
    // A document no case holds still counts in the index (as a staged one does), but is never found.
    t.ws.ctx.db.prepare('DELETE FROM case_documents WHERE document_id = ?').run(other);
    await expectSameAsPlain();
  });

  it('keeps to the case when two imports interleaved their pages, and never shows a staged document', async () => {
    const [, b] = interleaved({ toCase: caseId, pages: 40 }, { toCase: smallCase, pages: 25 });
    await expectSameAsPlain();
    // A case that holds every stored document, while another document is still being staged.
    const everything = (await t.call('cases.create', { agencyName: 'All Police Department', ori: 'IL0000003', state: 'IL' })).id;
    const db = t.ws.ctx.db;
    db.prepare(`INSERT INTO case_documents SELECT ?, id, 'test', 'now' FROM documents`).run(everything);
    const [c, staged] = interleaved({ toCase: everything, pages: 20 }, { toCase: everything, pages: 30, stagedOnly: true });
    for (const q of ['shall', 'shall not', '"deadly force"', 'neck OR taser', 'polic*']) {
      expect(await searched(q, everything), q).toEqual(plain(asFts(q), everything));
      expect(await searched(q, everything, 200), q).toEqual(plain(asFts(q), everything, 200));
    }
    // The staged document's pages are in the index and would rank (it has 30, all with "the")…
    const stagedPages = db.prepare<[string], { id: number }>('SELECT id FROM pages WHERE document_id = ?').all(staged).map((r) => r.id);
    expect(stagedPages).toHaveLength(30);
    const inIndex = db.prepare(`SELECT count(*) AS n FROM pages_fts WHERE pages_fts MATCH '"the"' AND rowid IN (${stagedPages.join(',')})`).get() as { n: number };
    expect(inIndex.n).toBeGreaterThan(0);
    // …and are never found, however far down the list.
    const all = await searched('the', everything, 200);
    expect(all.filter(([id]) => stagedPages.includes(id as number))).toEqual([]);
    expect(new Set(all.map(([id]) => db.prepare<[number], { d: string }>('SELECT document_id AS d FROM pages WHERE id = ?').get(id as number)!.d)).has(c) || all.length === 200).toBe(true);
  });

  it('answers crafted bad queries with a message or a word search, never a crash', async () => {
    const r = await t.ws.dispatch('search.query', { caseId, query: '"shall not' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { query: 'Unmatched quote.' } } });
    for (const q of ['shall AND (not', 'NEAR(shall not, x)', '* force', 'nosuchcolumn: force', 'force OR', ') shall (']) {
      const got = await t.ws.dispatch('search.query', { caseId, query: q });
      expect(got.ok, q).toBe(true);
      // …searched as its plain words, ranked as FTS5 ranks them.
      if (got.ok) expect(await searched(q, caseId), q).toEqual(plain(plainFtsQuery(q), caseId));
    }
    expect(await searched('"" ""', caseId)).toEqual([]); // empty phrases: valid, and match nothing
    for (const q of ['AND OR NOT', '***', '::']) {
      const got = await t.ws.dispatch('search.query', { caseId, query: q });
      expect(got, q).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });
});
