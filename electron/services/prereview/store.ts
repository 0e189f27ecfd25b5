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

/** What the engine reads for one document: its pages' text, and the name it was imported under (an FAQ says so there). */
export interface DocumentInput {
  documentId: string;
  fileName: string;
  pages: string[];
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

  function input(documentId: string): DocumentInput {
    const fileName = db.prepare<[string], { original_name: string }>('SELECT original_name FROM documents WHERE id = ?').get(documentId)?.original_name ?? '';
    const pages = loadTexts(db, documentId);
    return { documentId, fileName, pages, hash: inputHash(fileName, pages) };
  }

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
    input,
    /** The stored result for the document's current text, or null when it must be read (again). */
    read(documentId: string): DocumentPrereview | null {
      const i = input(documentId);
      return lookup(documentId, i.hash);
    },
    lookup,
    save,
    /** Reads the document now, on this thread, and stores the result. */
    compute(documentId: string): DocumentPrereview {
      const i = input(documentId);
      const result = prereviewDocument(i.pages, { fileName: i.fileName });
      save(documentId, i.hash, result);
      return result;
    },
  };
}
export type PrereviewStore = ReturnType<typeof createPrereviewStore>;
