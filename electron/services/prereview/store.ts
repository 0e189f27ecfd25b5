// Stored pre-review results: one row per document, rule-set version and hash of what the
// engine reads (the page texts and the original file name). A new rule version or changed text
// (OCR adding text to a scanned page) misses, and the document is read again; anything else is
// read back, so reopening a case does not read a 700-page manual again.
import crypto from 'node:crypto';
import { prereviewDocument } from '../../../shared/domain/prereview/engine.ts';
import { RULES_VERSION } from '../../../shared/domain/prereview/rules/index.ts';
import { RULE_IDS, type DocumentPrereview } from '../../../shared/domain/prereview/types.ts';
import type { ServiceContext } from '../context.ts';
import { loadTexts } from '../annotations/page-text.ts';

/** Which reading of a document a stored result belongs to: the hash of what the engine reads (its pages' text and the name it was imported under). */
export interface DocumentKey {
  documentId: string;
  fileName: string;
  hash: string;
}

/** The hash of what the engine reads, lengths included so no two inputs run together. */
export function inputHash(fileName: string, pages: readonly string[]): string {
  const h = crypto.createHash('sha256');
  h.update(`${fileName.length}:${fileName}\n${pages.length}\n`);
  for (const p of pages) h.update(`${p.length}:`).update(p);
  return h.digest('hex');
}

export function createPrereviewStore(ctx: ServiceContext, rulesVersion = RULES_VERSION) {
  const { db } = ctx;
  // Results used this session, keyed by input hash: hashing the text is far cheaper than parsing the JSON again.
  const memo = new Map<string, { hash: string; result: DocumentPrereview }>();

  // Hashing a 700-page manual's text on every forCase would cost the main thread more than it
  // should: the hash is kept per document with a cheap signature of its pages (how many, their
  // total length, the newest row, and its OCR rows' state), and computed again only when that
  // changes.
  const keys = new Map<string, { sig: string; key: DocumentKey }>();
  // The OCR rows' change times are in it too, summed (not their newest, which a clock set back or
  // a bundle's rows dated ahead would hold still): a page read again can come back with different
  // letters and the same length ("ho1ds" read as "holds"), and a page OCR has not read yet reads
  // as empty (page-text.ts) until it has.
  const sigOf = db.prepare<[{ doc: string }], { n: number; chars: number | null; ocr: number | null; last: number | null; ocrAt: number | null; unread: number }>(
    `SELECT count(*) AS n, sum(length(text)) AS chars, sum(needs_ocr) AS ocr, max(id) AS last,
            (SELECT total(julianday(updated_at)) FROM page_ocr WHERE document_id = @doc) AS ocrAt,
            (SELECT count(*) FROM page_ocr WHERE document_id = @doc AND source = 'none') AS unread
     FROM pages WHERE document_id = @doc`,
  );

  function keyOf(documentId: string): DocumentKey {
    const fileName = db.prepare<[string], { original_name: string }>('SELECT original_name FROM documents WHERE id = ?').get(documentId)?.original_name ?? '';
    const s = sigOf.get({ doc: documentId })!;
    const sig = `${fileName.length}:${fileName}|${s.n}|${s.chars ?? 0}|${s.ocr ?? 0}|${s.last ?? 0}|${s.ocrAt ?? 0}|${s.unread}`;
    const known = keys.get(documentId);
    if (known?.sig === sig) return known.key;
    const pages = loadTexts(db, documentId);
    const key = { documentId, fileName, hash: inputHash(fileName, pages) };
    keys.set(documentId, { sig, key });
    // A changed text is usually posted to the worker next: kept for that, so it is read once.
    justRead = { documentId, sig, pages };
    return key;
  }
  let justRead: { documentId: string; sig: string; pages: string[] } | null = null;

  /** A stored result is trusted only if it has every rule: a row written by another build is read again. */
  const complete = (r: DocumentPrereview) => r && typeof r === 'object' && r.rules && RULE_IDS.every((id) => r.rules[id]);

  function lookup(documentId: string, hash: string): DocumentPrereview | null {
    const m = memo.get(documentId);
    if (m?.hash === hash) return m.result;
    const row = db.prepare<[string, string, string], { result: string }>('SELECT result FROM prereview_results WHERE document_id = ? AND rules_version = ? AND text_hash = ?').get(documentId, rulesVersion, hash);
    if (!row) return null;
    try {
      const result = JSON.parse(row.result) as DocumentPrereview;
      if (!complete(result)) return null;
      memo.set(documentId, { hash, result });
      return result;
    } catch {
      return null;
    }
  }

  function save(documentId: string, hash: string, result: DocumentPrereview) {
    memo.set(documentId, { hash, result });
    // A read-only workspace still pre-reviews; it just cannot keep the result.
    if (!ctx.writable) return;
    ctx.writeTransaction(() => {
      // Only the current reading is kept: older versions and texts are never read again.
      db.prepare('DELETE FROM prereview_results WHERE document_id = ?').run(documentId);
      db.prepare('INSERT INTO prereview_results (document_id, rules_version, text_hash, result, computed_at) VALUES (?, ?, ?, ?, ?)').run(documentId, rulesVersion, hash, JSON.stringify(result), ctx.now().toISOString());
    });
  }

  return {
    rulesVersion,
    keyOf,
    /** The text the engine reads (posted to the worker). */
    pages(documentId: string): string[] {
      const r = justRead;
      justRead = null;
      return r?.documentId === documentId && keys.get(documentId)?.sig === r.sig ? r.pages : loadTexts(db, documentId);
    },
    /** The stored result for the document's current text, or null when it must be read (again). */
    read(documentId: string): DocumentPrereview | null {
      return lookup(documentId, keyOf(documentId).hash);
    },
    lookup,
    save,
    /** Reads the document now, on this thread, and stores the result. */
    compute(documentId: string): DocumentPrereview {
      const k = keyOf(documentId);
      const result = prereviewDocument(loadTexts(db, documentId), { fileName: k.fileName });
      save(documentId, k.hash, result);
      return result;
    },
  };
}
export type PrereviewStore = ReturnType<typeof createPrereviewStore>;
