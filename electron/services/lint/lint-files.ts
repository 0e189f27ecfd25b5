// Reads PDF files outside any case for the pre-review engine (and its chokehold view, the lint):
// check the structure, extract the text in worker threads, then read.
import fs from 'node:fs';
import path from 'node:path';
import { lintView, type LintResult } from '../../../shared/domain/lint/classify.ts';
import { prereviewDocument } from '../../../shared/domain/prereview/engine.ts';
import type { DocumentPrereview } from '../../../shared/domain/prereview/types.ts';
import { extractPdf, ExtractionError, SOURCE_WORKER_PATH } from '../extraction/extract-pool.ts';
import { sha256Hex } from '../documents/blob-store.ts';
import { checkPdfStructure } from '../documents/pdf-checks.ts';

export type FileText = { file: string; sha256: string; pages: string[] } | { file: string; error: string };
export type FileLint = { file: string; sha256: string; result: LintResult } | { file: string; error: string };
export type FilePrereview = { file: string; sha256: string; result: DocumentPrereview } | { file: string; error: string };

export async function readPdfText(file: string, workerPath = SOURCE_WORKER_PATH): Promise<FileText> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (err) {
    return { file, error: `${path.basename(file)}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).` };
  }
  const problem = checkPdfStructure(bytes);
  if (problem) return { file, error: `${path.basename(file)}: ${problem.reason}` };
  try {
    const x = await extractPdf(bytes, { workerPath, workers: 2, pageLimit: 20_000 });
    // A scanned page is read as having no text, whatever its scanner typed on it (a Bates stamp):
    // judged on the stamp, every rule would be "not addressed" instead of "needs OCR" (as in a case: page-text.ts).
    return { file, sha256: sha256Hex(bytes), pages: x.pages.map((p) => (p.needsOcr ? '' : p.text)) };
  } catch (err) {
    return { file, error: `${path.basename(file)}: ${err instanceof ExtractionError ? err.message : String(err)}` };
  }
}

export async function prereviewFile(file: string, workerPath = SOURCE_WORKER_PATH): Promise<FilePrereview> {
  const t = await readPdfText(file, workerPath);
  if ('error' in t) return t;
  return { file, sha256: t.sha256, result: prereviewDocument(t.pages, { fileName: path.basename(file) }) };
}

export async function lintFile(file: string, workerPath = SOURCE_WORKER_PATH): Promise<FileLint> {
  const r = await prereviewFile(file, workerPath);
  return 'error' in r ? r : { file, sha256: r.sha256, result: lintView(r.result) };
}
