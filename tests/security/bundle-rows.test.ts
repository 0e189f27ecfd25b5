// Crafted rows in a case bundle, signed by a key the workspace trusts: none may reach SQL as a
// column name, another case, or the identities' sealed keys. Each is refused whole, saying why,
// and every table of the workspace (other cases and identities included) is left as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleScene, expectRefusedUnchanged, snapshot, type Body } from './bundle-craft.ts';

let scene: Awaited<ReturnType<typeof bundleScene>>;
beforeAll(async () => {
  scene = await bundleScene();
});
afterAll(() => scene?.cleanup());

// Against the old import this key turned the victim case's determinations to "not met".
const SQL_KEY = `case_id, item_id, status, rationale, decided_by, decided_at) SELECT case_id, item_id, 'not_met', rationale, decided_by, decided_at FROM determinations WHERE ? IS NOT NULL ON CONFLICT DO UPDATE SET status = 'not_met' --`;
// And this one copied every identity's sealed private key into annotation notes.
const KEY_THIEF = `id, case_id, document_id, doc_sha256, page_from, page_to, rects, quote, prefix, suffix, start_offset, end_offset, extractor_version, stance, note, created_by, created_at, updated_at) SELECT ? || id, case_id, document_id, doc_sha256, page_from, page_to, rects, quote, prefix, suffix, start_offset, end_offset, extractor_version, stance, (SELECT group_concat(encrypted_key) FROM identities), created_by, created_at, updated_at FROM annotations --`;

describe('bundle rows', () => {
  it('refuse SQL in a row key', async () => {
    const file = scene.craft({
      body: (b) => {
        b.tables.determinations = [{ [SQL_KEY]: 1 }];
        b.tables.determination_evidence = [];
      },
    });
    const msg = await expectRefusedUnchanged(scene.target, file, 'bundle.json is not a valid case bundle (tables.determinations.0: "case_id, item_id, status');
    expect(msg).toContain('is not part of a case bundle');
    expect((await scene.target.call('checklists.forCase', { caseId: scene.victim })).entries.find((e: { item: { id: string } }) => e.item.id === 'topic.use-of-force').determination.status).toBe('needs_information');
  });

  it('refuse a row key that would copy the identities’ sealed keys', async () => {
    const file = scene.craft({ body: (b) => void b.tables.annotations!.push({ [KEY_THIEF]: 'x' }) });
    await expectRefusedUnchanged(scene.target, file, 'tables.annotations.1: "id, case_id, document_id');
  });

  it.each([
    ['annotations', 'encrypted_key', '{"kdf":"scrypt"}'],
    ['annotation_items', 'public_key_pem', 'x'],
    ['determinations', 'decided_by) VALUES (?', 'x'],
    ['cases', 'fingerprint', 'ab'],
  ])('refuse a %s row with an extra key naming another column (%s)', async (table, key, value) => {
    const file = scene.craft({ body: (b) => void (b.tables[table]![0]![key] = value) });
    await expectRefusedUnchanged(scene.target, file, `tables.${table}.0: ${JSON.stringify(key)} is not part of a case bundle`);
  });

  it.each([
    ['a determination for another case', (b: Body, victim: string) => void (b.tables.determinations![0]!.case_id = victim), 'a row of determinations belongs to case'],
    ['a second case row', (b: Body, victim: string) => void b.tables.cases!.push({ ...b.tables.cases![0], id: victim }), 'it does not hold exactly the case it names'],
    ['a case_documents row for another case', (b: Body, victim: string) => void (b.tables.case_documents![0]!.case_id = victim), 'a row of case_documents belongs to case'],
    ['an audit entry for another case', (b: Body, victim: string) => void (b.tables.audit_log![0]!.case_id = victim), 'a row of audit_log belongs to case'],
    ['evidence pointing at another case’s highlight', (b: Body, _victim: string, victimNote: string) => void b.tables.determination_evidence!.push({ ...b.tables.determination_evidence![0], annotation_id: victimNote }), "a row of determination_evidence points at annotation"],
    ['criterion evidence pointing at another case’s highlight', (b: Body, _victim: string, victimNote: string) => void b.tables.criterion_evidence!.push({ case_id: b.caseId, rubric_id: 'early-intervention-system', criterion_id: 'eis.purpose', annotation_id: victimNote }), 'a row of criterion_evidence points at annotation'],
  ])('refuse %s', async (_name, mutate, message) => {
    const [victimNote] = await scene.target.call('annotations.list', { caseId: scene.victim });
    const file = scene.craft({ body: (b) => mutate(b, scene.victim, victimNote.id) });
    const msg = await expectRefusedUnchanged(scene.target, file, message);
    if (message.endsWith('belongs to case')) expect(msg).toContain(`${scene.victim}, not to the bundle's case ${scene.caseId}`);
  });

  it('refuse an annotation id that belongs to another case here', async () => {
    const [victimNote] = await scene.target.call('annotations.list', { caseId: scene.victim });
    const file = scene.craft({
      body: (b) => {
        const old = b.tables.annotations![0]!.id;
        for (const t of ['annotations', 'annotation_items', 'determination_evidence']) for (const r of b.tables[t]!) r[t === 'annotations' ? 'id' : 'annotation_id'] = victimNote.id;
        expect(old).not.toBe(victimNote.id);
      },
    });
    await expectRefusedUnchanged(scene.target, file, `annotation ${victimNote.id} already belongs to another case in this workspace`);
  });

  it.each([
    ['an identities table', (b: Body) => void (b.tables.identities = [{ id: 'x', name: 'Mallory', email: 'm@x', role: 'lead', public_key_pem: '', fingerprint: 'f'.repeat(64), encrypted_key: '{}', created_at: 'now' }]), 'bundle.json is not a valid case bundle (tables: "identities" is not part of a case bundle)'],
    ['a trust_roster table', (b: Body) => void (b.tables.trust_roster = []), '(tables: "trust_roster" is not part of a case bundle)'],
    ['a meta list beside the tables', (b: Body) => void (b.meta = [{ key: 'single_person_review', value: '1' }]), '("meta" is not part of a case bundle)'],
  ])('refuse an extra unknown table: %s', async (_name, mutate, message) => {
    await expectRefusedUnchanged(scene.target, scene.craft({ body: mutate }), message);
  });

  it('refuse a value the schema does not allow', async () => {
    const file = scene.craft({ body: (b) => void (b.tables.determinations![0]!.status = 'not_met; DROP TABLE cases') });
    await expectRefusedUnchanged(scene.target, file, 'tables.determinations.0.status');
  });

  it('import the genuine bundle, touching no other case and no identity', async () => {
    const before = snapshot(scene.target);
    const r = await scene.target.call('bundle.import', { path: scene.genuine });
    expect(r).toMatchObject({ caseId: scene.caseId, replaced: false, signer: { name: 'Ana Reviewer', trust: 'roster' } });
    const after = snapshot(scene.target);
    for (const t of ['identities', 'trust_roster', 'meta', 'documents']) expect(after.rows[t]).toEqual(before.rows[t]);
    const victimRows = (s: typeof before) => Object.fromEntries(Object.entries(s.rows).map(([t, rows]) => [t, rows.filter((x) => x.includes(scene.victim))]));
    expect(victimRows(after)).toEqual(victimRows(before));
    expect(await scene.target.call('audit.verify', { caseId: scene.caseId })).toMatchObject({ ok: true });
    expect(await scene.target.call('audit.verify', { caseId: scene.victim })).toMatchObject({ ok: true });
    await resetTarget();
  });
});

/** Takes the imported case out again, so each test starts from a target without it. */
async function resetTarget() {
  const db = scene.target.ws.ctx.db;
  const id = scene.caseId;
  db.transaction(() => {
    for (const [t, where] of [
      ['audit_log', 'case_id = ?'],
      ['determination_evidence', 'case_id = ?'],
      ['determinations', 'case_id = ?'],
      ['annotation_items', 'annotation_id IN (SELECT id FROM annotations WHERE case_id = ?)'],
      ['annotations', 'case_id = ?'],
      ['case_documents', 'case_id = ?'],
      ['cases', 'id = ?'],
    ] as const)
      db.prepare(`DELETE FROM ${t} WHERE ${where}`).run(id);
  })();
}
