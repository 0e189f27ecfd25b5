// Hand-off between machines: a case exported as one signed file (its rows, its documents' page
// text and blobs, the packs it uses) and imported on another machine.
//
// Import trusts nothing in the file until it is proved: the zip's declared entries are capped
// before anything is inflated; the manifest's Ed25519 signature is checked before the manifest
// is parsed; the signer must be a key this workspace trusts (its roster or its own identities)
// or one the user accepted by fingerprint; every entry must match the signed manifest; every row
// must pass its table's strict schema and belong to the bundle's own case; the audit chain must
// verify. Only then is anything written, in one transaction that also records the import in the
// case's audit trail. Rows are inserted through column lists fixed in code (rows.ts), never
// through the row's own keys.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { ServiceError } from '../../../shared/result.ts';
import type { ServiceContext } from '../context.ts';
import { putBlob, blobPath, removeBlob } from '../documents/blob-store.ts';
import { createDocumentPasswords } from '../documents/document-passwords.ts';
import { verifyChain, type Audit, type AuditEntry } from '../audit/audit-service.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import type { Identities, Identity } from '../identity/identities-service.ts';
import { groupFingerprint } from '../identity/keys.ts';
import { bundleBody, CASE_TABLES, COLUMNS, type BundleBody, type Table } from './rows.ts';
import { BUNDLE_SCHEMA, sha256, signManifest, SignatureRefused, verifyManifest, type BundleManifest } from './signature.ts';
import { ENTRY_NAME, MAX_BUNDLE_FILE_BYTES, NAME_CAPS, ZIP_CAPS } from './limits.ts';
import { openZip, ZipRefused } from '../trust/safe-zip.ts';
import { shown } from '../trust/printable.ts';

export { BUNDLE_SCHEMA };

export interface BundleSigner {
  fingerprint: string;
  fingerprintGrouped: string;
  /** The roster's or the workspace's own name for the key; never taken from the bundle. */
  name: string | null;
  trust: 'roster' | 'own-identity' | 'accepted';
}

interface Deps {
  identities: Identities;
  /** Whether an import is storing a file right now (one left by a process that ended is cleared). */
  documents: { stagingInProgress(sha256: string): boolean };
  audit: Audit;
  /** Who is acting: the bundle is signed with their key. */
  current: () => Identity | null;
  /** The OCR queue: scanned pages that arrive unread wait in it, and are read after the import. */
  ocr?: { enqueueImported(documentId: string, pages: number[]): void; afterImport(): void; settle(documentId: string): void; retryLocked(documentId: string): unknown };
}

/**
 * The first way the bundle's OCR rows misdescribe its documents, if any: provenance for a page
 * the document does not have, for a page with a text layer of its own (its text would be shown
 * as OCR), or twice for one page.
 */
function ocrRowsProblem(b: BundleBody, docs: Map<string, BundleBody['documents'][number]>): string | null {
  const scanned = new Set(b.pages.filter((p) => p.needs_ocr === 1).map((p) => `${p.document_id}\u0000${p.page_index}`));
  const seen = new Set<string>();
  for (const o of b.pageOcr) {
    const d = docs.get(o.document_id);
    if (!d) return `a row of page_ocr points at document ${o.document_id}, which the bundle does not hold.`;
    const page = o.page_index + 1;
    const title = shown(d.title);
    if (o.page_index >= d.page_count) return `it has OCR provenance for page ${page} of ${title}, which has ${d.page_count} page${d.page_count === 1 ? '' : 's'}.`;
    const k = `${o.document_id}\u0000${o.page_index}`;
    if (seen.has(k)) return `it has OCR provenance twice for page ${page} of ${title}.`;
    seen.add(k);
    if (!scanned.has(k)) return `it has OCR provenance for page ${page} of ${title}, a page with a text layer of its own (its text would be shown as read by OCR).`;
  }
  return null;
}

/** A fingerprint as people type it: hex, in any case, grouped by spaces or not. */
export const normalFingerprint = (s: string) => s.replace(/[\s:]/g, '').toLowerCase();

export function createBundles(ctx: ServiceContext, deps: Deps) {
  const { db } = ctx;
  const select = (table: Table, alias = '') => COLUMNS[table].map((c) => `${alias}${c}`).join(', ');
  const all = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Array<Record<string, unknown>>;
  const encode = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? { $bytes: v.toString('base64') } : v]));

  function whoSigned(fingerprint: string): Omit<BundleSigner, 'trust'> & { trust: BundleSigner['trust'] | null } {
    const grouped = groupFingerprint(fingerprint);
    const own = db.prepare<[string], { name: string; email: string }>('SELECT name, email FROM identities WHERE fingerprint = ?').get(fingerprint);
    if (own) return { fingerprint, fingerprintGrouped: grouped, name: `${own.name} <${own.email}>`, trust: 'own-identity' };
    const rostered = db.prepare<[string], { name: string }>('SELECT name FROM trust_roster WHERE fingerprint = ?').get(fingerprint);
    if (rostered) return { fingerprint, fingerprintGrouped: grouped, name: rostered.name, trust: 'roster' };
    return { fingerprint, fingerprintGrouped: grouped, name: null, trust: null };
  }

  /** The first way the rows reach outside the bundle's own case, if any. */
  function outsideTheCase(b: BundleBody, manifest: BundleManifest): string | null {
    const caseId = b.caseId;
    if (manifest.caseId !== caseId) return `its signed manifest is for case ${manifest.caseId} but its data is for case ${caseId}.`;
    const [c, ...more] = b.tables.cases;
    if (!c || more.length || c.id !== caseId) return 'it does not hold exactly the case it names.';
    for (const [t] of CASE_TABLES) {
      for (const r of b.tables[t] as Array<{ case_id?: string }>) {
        if (r.case_id !== undefined && r.case_id !== caseId) return `a row of ${t} belongs to case ${r.case_id}, not to the bundle's case ${caseId}; a bundle may only hold its own case.`;
      }
    }
    const docs = new Map(b.documents.map((d) => [d.id, d]));
    if (docs.size !== b.documents.length || new Set(b.documents.map((d) => d.sha256)).size !== b.documents.length) return 'it lists a document twice.';
    const annotations = new Map(b.tables.annotations.map((a) => [a.id, a]));
    if (annotations.size !== b.tables.annotations.length) return 'it lists an annotation twice.';
    const docRefs: Array<[string, string]> = [
      ...b.pages.map((p) => ['pages', p.document_id] as [string, string]),
      ...b.tables.case_documents.map((r) => ['case_documents', r.document_id] as [string, string]),
      ...b.tables.annotations.map((r) => ['annotations', r.document_id] as [string, string]),
      ...b.tables.lint_decisions.map((r) => ['lint_decisions', r.document_id] as [string, string]),
      ...b.tables.carry_after_ocr.flatMap((r) => [['carry_after_ocr', r.from_document_id], ['carry_after_ocr', r.to_document_id]] as Array<[string, string]>),
      ...b.documentPasswords.map((k) => ['document_passwords', k.document_id] as [string, string]),
    ];
    for (const [t, d] of docRefs) if (!docs.has(d)) return `a row of ${t} points at document ${d}, which the bundle does not hold.`;
    const locked = new Set<string>();
    for (const k of b.documentPasswords) {
      if (locked.has(k.document_id)) return `it carries two passwords for ${shown(docs.get(k.document_id)!.title)}.`;
      locked.add(k.document_id);
    }
    const ocrProblem = ocrRowsProblem(b, docs);
    if (ocrProblem) return ocrProblem;
    for (const a of b.tables.annotations) if (docs.get(a.document_id)!.sha256 !== a.doc_sha256) return `annotation ${a.id} names a different file than its document.`;
    const annotationRefs: Array<[string, string | null]> = [
      ...b.tables.annotation_items.map((r) => ['annotation_items', r.annotation_id] as [string, string]),
      ...b.tables.determination_evidence.map((r) => ['determination_evidence', r.annotation_id] as [string, string]),
      ...b.tables.score_evidence.map((r) => ['score_evidence', r.annotation_id] as [string, string]),
      ...b.tables.criterion_evidence.map((r) => ['criterion_evidence', r.annotation_id] as [string, string]),
      ...b.tables.lint_decisions.map((r) => ['lint_decisions', r.annotation_id] as [string, string | null]),
    ];
    for (const [t, a] of annotationRefs) if (a !== null && !annotations.has(a)) return `a row of ${t} points at annotation ${a}, which is not one of the bundle's own.`;
    const owner = db.prepare<[string], { case_id: string }>('SELECT case_id FROM annotations WHERE id = ?');
    for (const a of b.tables.annotations) {
      const o = owner.get(a.id);
      if (o && o.case_id !== caseId) return `annotation ${a.id} already belongs to another case in this workspace.`;
    }
    const packetOwner = db.prepare<[string], { case_id: string }>('SELECT case_id FROM packets WHERE id = ?');
    for (const p of b.tables.packets) {
      const o = packetOwner.get(p.id);
      if (o && o.case_id !== caseId) return `packet ${p.id} already belongs to another case in this workspace.`;
    }
    // Packs are shared by cases, so only the ones this case uses may come, and they must be what they say.
    for (const p of b.checklistPacks) {
      if (p.id !== c.checklist_pack_id || p.version !== c.checklist_pack_version) return `it carries checklist pack ${p.id} ${p.version}, which its case does not use.`;
      const j = JSON.parse(p.json) as { id: string; version: string };
      if (j.id !== p.id || j.version !== p.version) return `its checklist pack ${p.id} ${p.version} holds a different pack.`;
    }
    const used = new Set(b.tables.case_rubrics.map((r) => `${r.rubric_id}@${r.version}`));
    for (const p of b.rubricPacks) {
      if (!used.has(`${p.id}@${p.version}`)) return `it carries rubric pack ${p.id} ${p.version}, which its case does not use.`;
      const j = JSON.parse(p.json) as { id: string; version: string };
      if (j.id !== p.id || j.version !== p.version) return `its rubric pack ${p.id} ${p.version} holds a different pack.`;
    }
    return null;
  }

  return {
    export(caseId: string, outPath: string, passphrase: string): { path: string; bytes: number; documents: number; passwords: number; signer: { fingerprint: string; fingerprintGrouped: string; name: string } } {
      const signer = deps.current();
      if (!signer) throw new ServiceError('forbidden', 'Choose who you are first: a bundle is signed with your identity’s key (CLI: --identity ID).');
      if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new ServiceError('not_found', `No case ${caseId}.`);
      let privateKey: crypto.KeyObject;
      try {
        privateKey = deps.identities.privateKey(signer.id, passphrase);
      } catch (err) {
        if (err instanceof ServiceError) throw new ServiceError(err.code, `${err.message} Nothing was exported.`, err.fields);
        throw err;
      }
      const documents = all(`SELECT ${select('documents', 'd.')} FROM documents d JOIN case_documents cd ON cd.document_id = d.id WHERE cd.case_id = ? ORDER BY d.rowid`, caseId);
      // Documents an annotation still points at (orphans of a replaced version) travel too.
      const extra = all(`SELECT DISTINCT ${select('documents', 'd.')} FROM documents d JOIN annotations a ON a.document_id = d.id WHERE a.case_id = ? AND d.id NOT IN (SELECT document_id FROM case_documents WHERE case_id = ?)`, caseId, caseId);
      const docs = [...documents, ...extra];
      const pages = docs.flatMap((d) => all(`SELECT ${select('pages')} FROM pages WHERE document_id = ? ORDER BY page_index`, d.id));
      const pageOcr = docs.flatMap((d) => all(`SELECT ${select('page_ocr')} FROM page_ocr WHERE document_id = ? ORDER BY page_index`, d.id));
      const documentPasswords = docs.flatMap((d) => all(`SELECT ${select('document_passwords')} FROM document_passwords WHERE document_id = ?`, d.id));
      const c = db.prepare('SELECT checklist_pack_id, checklist_pack_version FROM cases WHERE id = ?').get(caseId) as { checklist_pack_id: string; checklist_pack_version: string };
      const order = (t: Table) => (t === 'audit_log' ? 'seq' : 'rowid');
      const tables = Object.fromEntries(CASE_TABLES.map(([t, where]) => [t, all(`SELECT ${select(t)} FROM ${t} WHERE ${where} ORDER BY ${order(t)}`, caseId).map(encode)]));
      const exportedAt = ctx.now().toISOString();
      const body = {
        schema: BUNDLE_SCHEMA,
        exportedAt,
        caseId,
        documents: docs,
        pages,
        pageOcr,
        documentPasswords,
        checklistPacks: all(`SELECT ${select('checklist_packs')} FROM checklist_packs WHERE id = ? AND version = ?`, c.checklist_pack_id, c.checklist_pack_version),
        rubricPacks: all(`SELECT ${select('rubric_packs', 'rp.')} FROM rubric_packs rp JOIN case_rubrics cr ON cr.rubric_id = rp.id AND cr.version = rp.version WHERE cr.case_id = ?`, caseId),
        tables,
      };
      const files: Record<string, Uint8Array> = { 'bundle.json': strToU8(JSON.stringify(body)) };
      for (const d of docs) files[`blobs/${d.sha256}.pdf`] = new Uint8Array(fs.readFileSync(blobPath(ctx.paths.blobs, String(d.sha256))));
      const manifest: BundleManifest = {
        schema: BUNDLE_SCHEMA,
        caseId,
        exportedAt,
        signerFingerprint: signer.fingerprint,
        entries: Object.fromEntries(Object.entries(files).map(([n, b]) => [n, { sha256: sha256(b), size: b.byteLength }])),
      };
      Object.assign(files, signManifest(manifest, privateKey, crypto.createPublicKey(signer.publicKeyPem)));
      const zip = zipSync(Object.fromEntries(Object.entries(files).map(([n, b]) => [n, [b, { level: n.endsWith('.pdf') ? 0 : 6 }]])) as never);
      const out = path.resolve(outPath);
      try {
        writeFileAtomic(out, zip);
      } catch (err) {
        throw new ServiceError('bad_file', `The bundle could not be written to ${out}: ${(err as Error).message}`);
      }
      return { path: out, bytes: zip.byteLength, documents: docs.length, passwords: documentPasswords.length, signer: { fingerprint: signer.fingerprint, fingerprintGrouped: signer.fingerprintGrouped, name: `${signer.name} <${signer.email}>` } };
    },

    import(file: string, acceptUntrusted?: string): { caseId: string; agencyName: string; replaced: boolean; documents: number; signer: BundleSigner } {
      const base = path.basename(file);
      const refuse = (why: string, code: 'bad_file' | 'forbidden' = 'bad_file', fields?: Record<string, string>): never => {
        throw new ServiceError(code, `${base} was refused and nothing was imported: ${why}`, fields);
      };
      let zip: Uint8Array;
      try {
        const size = fs.statSync(file).size;
        if (size > MAX_BUNDLE_FILE_BYTES) refuse(`it is ${size.toLocaleString('en-US')} bytes; bundles of at most ${MAX_BUNDLE_FILE_BYTES.toLocaleString('en-US')} bytes are accepted.`);
        zip = new Uint8Array(fs.readFileSync(file));
      } catch (err) {
        if (err instanceof ServiceError) throw err;
        throw new ServiceError('not_found', `Cannot read ${base}.`);
      }
      // Caps, names and sizes are all checked on the zip's directory before anything is inflated.
      if (zip[0] !== 0x50 || zip[1] !== 0x4b) throw new ServiceError('bad_file', `${base} is not a readable case bundle (not a zip, or cut short).`);
      const entries = new Map<string, Uint8Array>();
      try {
        const z = openZip(zip, { ...ZIP_CAPS, maxBytesFor: (n) => NAME_CAPS.get(n) }, 'it');
        const unexpected = z.names.find((n) => !ENTRY_NAME.test(n));
        if (unexpected !== undefined) refuse(`it holds an unexpected entry ${shown(unexpected)}. Bundles hold only bundle.json, manifest.json, manifest.sig, signer.pub.pem and blobs/<sha256>.pdf.`);
        for (const n of z.names) entries.set(n, z.read(n));
      } catch (err) {
        if (err instanceof ZipRefused) refuse(err.message.replace(/: refused\.$/, '.'));
        throw err;
      }

      // Who signed, before anything the signer wrote is believed.
      let verified: { manifest: BundleManifest; fingerprint: string };
      try {
        verified = verifyManifest(entries);
      } catch (err) {
        if (err instanceof SignatureRefused) return refuse(err.message);
        throw err;
      }
      const { manifest, fingerprint } = verified;
      const known = whoSigned(fingerprint);
      let trust = known.trust;
      if (!trust) {
        if (acceptUntrusted === undefined) {
          refuse(
            `it was signed by a key this workspace does not trust (fingerprint ${known.fingerprintGrouped}). If it is the sender's key — compare the fingerprint with them by phone or in person — add their public key to the trust roster (Settings, or: credence roster import KEY.pem), or accept this key for this import only (CLI: --accept-untrusted ${fingerprint}).`,
            'forbidden',
            { acceptUntrusted: fingerprint },
          );
        }
        if (normalFingerprint(acceptUntrusted!) !== fingerprint) refuse(`you accepted the key ${groupFingerprint(normalFingerprint(acceptUntrusted!))}, but it was signed by ${known.fingerprintGrouped}.`, 'forbidden', { acceptUntrusted: fingerprint });
        trust = 'accepted';
      }
      const signer: BundleSigner = { ...known, trust };

      const names = [...entries.keys()].filter((n) => !['manifest.json', 'manifest.sig', 'signer.pub.pem'].includes(n)).sort();
      if (JSON.stringify(names) !== JSON.stringify(Object.keys(manifest.entries).sort())) refuse('its entries differ from its signed manifest (something was added or removed).');
      for (const n of names) {
        const e = entries.get(n)!;
        if (e.byteLength !== manifest.entries[n]!.size || sha256(e) !== manifest.entries[n]!.sha256) refuse(`${n} does not match its SHA-256 in the signed manifest (the bundle was altered or damaged).`);
        if (n.startsWith('blobs/') && sha256(e) !== n.slice(6, 70)) refuse(`${n} is not the document its name says.`);
      }
      const body = entries.get('bundle.json');
      if (!body) return refuse('it has no bundle.json.');
      let raw: unknown;
      try {
        raw = JSON.parse(strFromU8(body));
      } catch {
        return refuse('bundle.json is not valid JSON.');
      }
      const parsed = bundleBody.safeParse(raw);
      if (!parsed.success) {
        // An unknown key is the telling problem (a crafted row), so it is named before any other.
        const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0]!;
        const where = issue.path.join('.');
        const what = issue.code === 'unrecognized_keys' ? `${issue.keys.map((k) => JSON.stringify(k.slice(0, 80))).join(', ')} ${issue.keys.length === 1 ? 'is' : 'are'} not part of a case bundle` : issue.message;
        return refuse(`bundle.json is not a valid case bundle (${where ? `${where}: ` : ''}${what}).`);
      }
      const b = parsed.data;
      const outside = outsideTheCase(b, manifest);
      if (outside) refuse(outside);
      for (const d of b.documents) if (!entries.has(`blobs/${d.sha256}.pdf`)) refuse(`the PDF of document ${d.title} is missing.`);
      const chain: AuditEntry[] = b.tables.audit_log.map((r) => ({ caseId: r.case_id, seq: r.seq, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, stateHash: r.state_hash, prevHash: r.prev_hash, hash: r.hash }));
      const problem = verifyChain(chain);
      if (problem) refuse(`its audit trail is broken: ${problem.problem}.`);

      // A case already here must be an earlier state of the same case: its audit trail a prefix of the incoming one.
      const local = db.prepare<[string], { hash: string }>('SELECT hash FROM audit_log WHERE case_id = ? ORDER BY seq').all(b.caseId);
      const exists = !!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(b.caseId);
      if (exists && chain.length <= local.length && chain.every((e, i) => local[i]?.hash === e.hash)) {
        refuse('this workspace already holds this state of the case, or a later one.');
      }
      if (exists && local.some((l, i) => chain[i]?.hash !== l.hash)) {
        refuse('this workspace holds a version of the case that the bundle does not continue (the two copies were changed separately). Export from one machine only, or import into another workspace.');
      }

      // Documents: the same bytes already here are the same document; map the bundle's ids onto ours.
      // An id already taken by other bytes gets a new id rather than pointing at someone else's file.
      const idMap = new Map<string, string>();
      const fresh = new Set<string>();
      for (const d of b.documents) {
        // A file an import is storing right now is not ours to attach to until that import ends.
        if (deps.documents.stagingInProgress(d.sha256)) {
          throw new ServiceError('conflict', `The bundle's document "${d.title.slice(0, 80)}" is being imported into this workspace right now. Import the bundle again when that import finishes.`);
        }
        const mine = db.prepare<[string], { id: string }>('SELECT id FROM documents WHERE sha256 = ?').get(d.sha256);
        if (mine) idMap.set(d.id, mine.id);
        else {
          const taken = !!db.prepare('SELECT 1 FROM documents WHERE id = ?').get(d.id);
          const id = taken ? ctx.newId() : d.id;
          idMap.set(d.id, id);
          fresh.add(d.id);
        }
      }
      const statements = new Map<Table, ReturnType<typeof db.prepare<unknown[]>>>();
      const insert = (table: Table, r: Record<string, unknown>) => {
        let s = statements.get(table);
        if (!s) {
          const cols = COLUMNS[table];
          s = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
          statements.set(table, s);
        }
        s.run(...COLUMNS[table].map((c) => (c === 'document_id' || c.endsWith('_document_id') ? idMap.get(String(r[c])) : r[c])));
      };
      const written: string[] = [];
      // A document already here that has no password kept takes the bundle's (the lead received
      // the file earlier, without it); one kept here already stays: it opened this copy.
      const unlocked: string[] = [];
      try {
        for (const d of b.documents) if (fresh.has(d.id) && putBlob(ctx.paths.blobs, ctx.paths.tmp, d.sha256, entries.get(`blobs/${d.sha256}.pdf`)!)) written.push(d.sha256);
        db.transaction(() => {
          for (const d of b.documents) {
            if (!fresh.has(d.id)) continue;
            insert('documents', { ...d, id: idMap.get(d.id) });
            for (const p of b.pages) if (p.document_id === d.id) insert('pages', p);
            const read = new Set<number>();
            for (const o of b.pageOcr) {
              if (o.document_id !== d.id) continue;
              insert('page_ocr', o);
              read.add(o.page_index);
            }
            for (const k of b.documentPasswords) if (k.document_id === d.id) insert('document_passwords', k);
            // A bundle from before OCR provenance travelled: its scanned pages wait to be read here.
            // Pages arriving pending meet this workspace's own OCR page limit like any import.
            const unread = b.pages.filter((p) => p.document_id === d.id && p.needs_ocr === 1 && !read.has(p.page_index)).map((p) => p.page_index);
            if (unread.length || read.size) deps.ocr?.enqueueImported(idMap.get(d.id)!, unread);
          }
          const passwords = createDocumentPasswords(db);
          for (const k of b.documentPasswords) {
            const local = idMap.get(k.document_id)!;
            if (fresh.has(k.document_id) || passwords.get(local) !== null) continue;
            passwords.remember(local, k.password);
            unlocked.push(local);
          }
          for (const p of b.checklistPacks) if (!db.prepare('SELECT 1 FROM checklist_packs WHERE id = ? AND version = ?').get(p.id, p.version)) insert('checklist_packs', p);
          for (const p of b.rubricPacks) if (!db.prepare('SELECT 1 FROM rubric_packs WHERE id = ? AND version = ?').get(p.id, p.version)) insert('rubric_packs', p);
          if (exists) for (const [t, where] of [...CASE_TABLES].reverse()) db.prepare(`DELETE FROM ${t} WHERE ${where}`).run(b.caseId);
          for (const [t] of CASE_TABLES) for (const r of b.tables[t]) insert(t, r as Record<string, unknown>);
          deps.audit.append(b.caseId, ctx.actor, 'bundle.import', 'case', b.caseId, { signer: signer.fingerprint, trust: signer.trust, manifest: sha256(entries.get('manifest.json')!), exportedAt: manifest.exportedAt });
          // A revision that was still being read there may be read already here: its highlights move now.
          for (const r of b.tables.carry_after_ocr) deps.ocr?.settle(idMap.get(r.to_document_id)!);
        }).immediate();
      } catch (err) {
        for (const s of written) removeBlob(ctx.paths.blobs, s);
        if (err instanceof ServiceError) throw err;
        throw new ServiceError('bad_file', `${base} could not be imported (${(err as Error).message}). Nothing was changed.`);
      }
      // Its pages that failed here for want of the password wait to be read again.
      for (const d of unlocked) deps.ocr?.retryLocked(d);
      deps.ocr?.afterImport();
      return { caseId: b.caseId, agencyName: b.tables.cases[0]!.agency_name, replaced: exists, documents: b.documents.length, signer };
    },
  };
}
