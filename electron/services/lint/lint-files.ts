// Runs the chokehold lint over PDF files outside any case: extract (worker threads), then read.
import fs from 'node:fs';
import path from 'node:path';
import { lintDocument, type LintResult } from '../../../shared/domain/lint/classify.ts';
import { extractPdf, ExtractionError, SOURCE_WORKER_PATH } from '../extraction/extract-pool.ts';
import { sha256Hex } from '../documents/blob-store.ts';
import { checkPdfStructure } from '../documents/pdf-checks.ts';

export type FileLint = { file: string; sha256: string; result: LintResult } | { file: string; error: string };

export async function lintFile(file: string, workerPath = SOURCE_WORKER_PATH): Promise<FileLint> {
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
    return { file, sha256: sha256Hex(bytes), result: lintDocument(x.pages.map((p) => p.text), { fileName: path.basename(file) }) };
  } catch (err) {
    return { file, error: `${path.basename(file)}: ${err instanceof ExtractionError ? err.message : String(err)}` };
  }
}
