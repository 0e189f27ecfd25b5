// Hand-off between machines: a case exported as one file (its rows, its documents' page text
// and blobs, the packs it uses) and imported on another machine. The import is checked whole
// before anything is written: every entry name against a fixed pattern (no path can escape),
// every entry against the bundle's own SHA-256 manifest, every blob against its name, and the
// case data against a schema; then it is written in one transaction.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import { ServiceError } from '../../../shared/result.ts';
import type { ServiceContext } from '../context.ts';
import { putBlob, blobPath, removeBlob } from '../documents/blob-store.ts';
import { verifyChain, type AuditEntry } from '../audit/audit-service.ts';
import { writeFileAtomic } from '../atomic-write.ts';

export const BUNDLE_SCHEMA = 'credence.bundle/1';
const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/** The case's rows, table by table, in the order they must be inserted. */
const TABLES = [
  ['cases', 'id = ?'],
  ['case_documents', 'case_id = ?'],
  ['annotations', 'case_id = ?'],
  ['annotation_items', 'annotation_id IN (SELECT id FROM annotations WHERE case_id = ?)'],
  ['determinations', 'case_id = ?'],
  ['determination_evidence', 'case_id = ?'],
  ['lint_decisions', 'case_id = ?'],
  ['case_rubrics', 'case_id = ?'],
  ['scores', 'case_id = ?'],
  ['score_evidence', 'case_id = ?'],
  ['review_events', 'case_id = ?'],
  ['audit_log', 'case_id = ?'],
  ['packets', 'case_id = ?'],
] as const;

const ENTRY = /^(bundle\.json|manifest\.json|blobs\/[0-9a-f]{64}\.pdf)$/;

const row = z.record(z.string(), z.union([z.string(), z.number(), z.null(), z.object({ $bytes: z.string() })]));
const bundleJson = z.object({
  schema: z.literal(BUNDLE_SCHEMA),
  exportedAt: z.string(),
  exportedBy: z.string(),
  caseId: z.string().uuid(),
  documents: z.array(row),
  pages: z.array(row),
  checklistPacks: z.array(row),
  rubricPacks: z.array(row),
  tables: z.record(z.string(), z.array(row)),
});

// BLOB columns travel as base64 inside JSON.
const encode = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? { $bytes: v.toString('base64') } : v]));
const decode = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v && typeof v === 'object' && '$bytes' in (v as object) ? Buffer.from((v as { $bytes: string }).$bytes, 'base64') : v]));

export function createBundles(ctx: ServiceContext) {
  const { db } = ctx;
  const all = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Array<Record<string, unknown>>;

  return {
    export(caseId: string, outPath: string): { path: string; bytes: number; documents: number } {
      if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new ServiceError('not_found', `No case ${caseId}.`);
      const documents = all('SELECT d.* FROM documents d JOIN case_documents cd ON cd.document_id = d.id WHERE cd.case_id = ?', caseId);
      // Documents an annotation still points at (orphans of a replaced version) travel too.
      const extra = all('SELECT DISTINCT d.* FROM documents d JOIN annotations a ON a.document_id = d.id WHERE a.case_id = ? AND d.id NOT IN (SELECT document_id FROM case_documents WHERE case_id = ?)', caseId, caseId);
      const docs = [...documents, ...extra];
      const pages = docs.flatMap((d) => all('SELECT document_id, page_index, text, items, needs_ocr FROM pages WHERE document_id = ? ORDER BY page_index', d.id));
      const c = db.prepare('SELECT checklist_pack_id, checklist_pack_version FROM cases WHERE id = ?').get(caseId) as { checklist_pack_id: string; checklist_pack_version: string };
      const tables = Object.fromEntries(TABLES.map(([t, where]) => [t, all(`SELECT * FROM ${t} WHERE ${where}`, caseId).map(encode)]));
      const body = {
        schema: BUNDLE_SCHEMA,
        exportedAt: ctx.now().toISOString(),
        exportedBy: ctx.actor,
        caseId,
        documents: docs,
        pages,
        checklistPacks: all('SELECT * FROM checklist_packs WHERE id = ? AND version = ?', c.checklist_pack_id, c.checklist_pack_version),
        rubricPacks: all('SELECT rp.* FROM rubric_packs rp JOIN case_rubrics cr ON cr.rubric_id = rp.id AND cr.version = rp.version WHERE cr.case_id = ?', caseId),
        tables,
      };
      const files: Record<string, Uint8Array> = { 'bundle.json': strToU8(JSON.stringify(body)) };
      for (const d of docs) files[`blobs/${d.sha256}.pdf`] = new Uint8Array(fs.readFileSync(blobPath(ctx.paths.blobs, String(d.sha256))));
      const manifest = { schema: BUNDLE_SCHEMA, entries: Object.fromEntries(Object.entries(files).map(([n, b]) => [n, sha256(b)])) };
      files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
      const zip = zipSync(Object.fromEntries(Object.entries(files).map(([n, b]) => [n, [b, { level: n.endsWith('.pdf') ? 0 : 6 }]])) as never);
      const out = path.resolve(outPath);
      try {
        writeFileAtomic(out, zip);
      } catch (err) {
        throw new ServiceError('bad_file', `The bundle could not be written to ${out}: ${(err as Error).message}`);
      }
      return { path: out, bytes: zip.byteLength, documents: docs.length };
    },

    import(file: string): { caseId: string; replaced: boolean; documents: number } {
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(new Uint8Array(fs.readFileSync(file)));
      } catch {
        throw new ServiceError('bad_file', `${path.basename(file)} is not a readable case bundle (not a zip, or cut short).`);
      }
      const refuse = (why: string): never => {
        throw new ServiceError('bad_file', `${path.basename(file)} was refused and nothing was imported: ${why}`);
      };
      for (const name of Object.keys(entries)) if (!ENTRY.test(name)) refuse(`it holds an unexpected entry "${name}" (bundles hold only bundle.json, manifest.json and blobs/<sha256>.pdf).`);
      if (!entries['manifest.json'] || !entries['bundle.json']) refuse('it has no manifest.json or bundle.json.');
      let manifest: { schema: string; entries: Record<string, string> };
      try {
        manifest = JSON.parse(strFromU8(entries['manifest.json']!));
      } catch {
        return refuse('manifest.json is not valid JSON.');
      }
      const names = Object.keys(entries).filter((n) => n !== 'manifest.json').sort();
      if (JSON.stringify(names) !== JSON.stringify(Object.keys(manifest.entries ?? {}).sort())) refuse('its entries differ from its manifest (something was added or removed).');
      for (const n of names) if (sha256(entries[n]!) !== manifest.entries[n]) refuse(`${n} does not match its SHA-256 in the manifest (the bundle was altered or damaged).`);
      for (const n of names.filter((x) => x.startsWith('blobs/'))) if (sha256(entries[n]!) !== n.slice(6, 70)) refuse(`${n} is not the document its name says.`);
      const parsed = bundleJson.safeParse(JSON.parse(strFromU8(entries['bundle.json']!)));
      if (!parsed.success) return refuse(`bundle.json is not a case bundle (${parsed.error.issues[0]?.message}).`);
      const b = parsed.data;
      const caseRows = b.tables.cases ?? [];
      if (caseRows.length !== 1 || caseRows[0]!.id !== b.caseId) refuse('it does not hold exactly the case it names.');
      for (const d of b.documents) if (!entries[`blobs/${d.sha256}.pdf`]) refuse(`the PDF of document ${String(d.title)} is missing.`);
      const incomingAudit = (b.tables.audit_log ?? []) as unknown as Array<Record<string, string | number>>;
      const chain: AuditEntry[] = incomingAudit.map((r) => ({ caseId: String(r.case_id), seq: Number(r.seq), at: String(r.at), actor: String(r.actor), action: String(r.action), entity: String(r.entity), entityId: String(r.entity_id), stateHash: String(r.state_hash), prevHash: String(r.prev_hash), hash: String(r.hash) }));
      const problem = verifyChain(chain);
      if (problem) refuse(`its audit trail is broken: ${problem.problem}.`);

      // A case already here must be an earlier state of the same case: its audit trail a prefix of the incoming one.
      const local = db.prepare('SELECT hash FROM audit_log WHERE case_id = ? ORDER BY seq').all(b.caseId) as Array<{ hash: string }>;
      const exists = !!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(b.caseId);
      if (exists && local.some((l, i) => chain[i]?.hash !== l.hash)) {
        refuse('this workspace holds a version of the case that the bundle does not continue (the two copies were changed separately). Export from one machine only, or import into another workspace.');
      }

      // Documents: the same bytes already here are the same document; map the bundle's ids onto ours.
      const idMap = new Map<string, string>();
      for (const d of b.documents) {
        const mine = db.prepare('SELECT id FROM documents WHERE sha256 = ?').get(d.sha256) as { id: string } | undefined;
        idMap.set(String(d.id), mine?.id ?? String(d.id));
      }
      const mapDoc = (r: Record<string, unknown>) => ('document_id' in r && idMap.has(String(r.document_id)) ? { ...r, document_id: idMap.get(String(r.document_id)) } : r);
      const written: string[] = [];
      try {
        for (const d of b.documents) if (putBlob(ctx.paths.blobs, ctx.paths.tmp, String(d.sha256), entries[`blobs/${d.sha256}.pdf`]!)) written.push(String(d.sha256));
        const insert = (table: string, r: Record<string, unknown>) => {
          const cols = Object.keys(r);
          db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((k) => r[k]));
        };
        db.transaction(() => {
          for (const d of b.documents) {
            if (idMap.get(String(d.id)) !== String(d.id)) continue; // already here under our id
            if (db.prepare('SELECT 1 FROM documents WHERE id = ?').get(d.id)) continue;
            insert('documents', d);
            for (const p of b.pages.filter((x) => x.document_id === d.id)) insert('pages', p);
          }
          for (const p of b.checklistPacks) if (!db.prepare('SELECT 1 FROM checklist_packs WHERE id = ? AND version = ?').get(p.id, p.version)) insert('checklist_packs', p);
          for (const p of b.rubricPacks) if (!db.prepare('SELECT 1 FROM rubric_packs WHERE id = ? AND version = ?').get(p.id, p.version)) insert('rubric_packs', p);
          if (exists) for (const [t, where] of [...TABLES].reverse()) db.prepare(`DELETE FROM ${t} WHERE ${where}`).run(b.caseId);
          for (const [t] of TABLES) for (const r of b.tables[t] ?? []) insert(t, mapDoc(decode(r)));
        })();
      } catch (err) {
        for (const s of written) removeBlob(ctx.paths.blobs, s);
        if (err instanceof ServiceError) throw err;
        throw new ServiceError('bad_file', `${path.basename(file)} could not be imported (${(err as Error).message}). Nothing was changed.`);
      }
      return { caseId: b.caseId, replaced: exists, documents: b.documents.length };
    },
  };
}
