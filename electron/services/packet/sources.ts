// The packet's sources.json: each PDF the findings rest on, and — so an agency can see what a
// finding rests on — which of its pages are text read by OCR from a scanned image (engine,
// version, language data, mean confidence), which pages have no text at all, and which carry a
// scanner's own OCR that Credence did not read (scanner-text-survey.ts).
import type { Db } from '../../db/open.ts';
import { scannerTextPages } from '../ocr/ocr-read-pages.ts';

export const SOURCES_SCHEMA = 'credence.sources/1';

export interface OcrPageSource {
  /** 1-based, as people count pages. */
  page: number;
  engine: string;
  engineVersion: string | null;
  langDataSha256: string | null;
  /** 0–100, the engine's mean word confidence on the page. */
  meanConfidence: number | null;
}

export interface SourceDocument {
  name: string;
  title: string;
  sha256: string;
  pages: number;
  /** Pages whose text was read by OCR; empty when every page has a text layer of its own. */
  ocrPages: OcrPageSource[];
  /** The mean of the OCR pages' mean confidences (null with no OCR page). */
  ocrMeanConfidence: number | null;
  /** Pages with no text (OCR pending, failed or stopped): nothing on them was read. */
  pagesWithoutText: number[];
  /**
   * Pages whose text is a scanner's own OCR as the file carries it (invisible text over the page
   * image), not read by Credence: what a finding quoting them rests on may be misread. Null when
   * the file could not be looked at (why: `scannerTextUnknown`).
   */
  scannerTextPages: number[] | null;
  /** Why the scanner's text could not be looked for; absent when it was. */
  scannerTextUnknown?: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function packetSources(db: Db, caseId: string): SourceDocument[] {
  const docs = db
    .prepare<[string], { id: string; original_name: string; title: string; sha256: string; page_count: number }>(
      'SELECT d.id, d.original_name, d.title, d.sha256, d.page_count FROM case_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.case_id = ? ORDER BY d.title, d.id',
    )
    .all(caseId);
  // A page being read again keeps its earlier OCR text (source 'ocr') until the new text lands.
  const ocrRows = db.prepare<[string], { page_index: number; source: string; engine: string | null; engine_version: string | null; lang_sha256: string | null; mean_confidence: number | null }>(
    'SELECT page_index, source, engine, engine_version, lang_sha256, mean_confidence FROM page_ocr WHERE document_id = ? ORDER BY page_index',
  );
  const surveyRow = db.prepare<[string], { error: string | null }>('SELECT error FROM scanner_text_survey WHERE document_id = ?');
  const stillScanner = scannerTextPages(db);
  return docs.map((d) => {
    const rows = ocrRows.all(d.id);
    const survey = surveyRow.get(d.id);
    const ocrPages = rows
      .filter((r) => r.source === 'ocr')
      .map((r) => ({ page: r.page_index + 1, engine: r.engine ?? 'unknown', engineVersion: r.engine_version, langDataSha256: r.lang_sha256, meanConfidence: r.mean_confidence === null ? null : round1(r.mean_confidence) }));
    const rated = ocrPages.filter((p) => p.meanConfidence !== null);
    return {
      name: d.original_name,
      title: d.title,
      sha256: d.sha256,
      pages: d.page_count,
      ocrPages,
      ocrMeanConfidence: rated.length ? round1(rated.reduce((s, p) => s + p.meanConfidence!, 0) / rated.length) : null,
      // A page waiting to be read over its own text layer ('pdf') still has that text.
      pagesWithoutText: rows.filter((r) => r.source === 'none').map((r) => r.page_index + 1),
      scannerTextPages: survey && survey.error === null ? [...stillScanner(d.id)] : null,
      ...(survey?.error ? { scannerTextUnknown: survey.error } : !survey ? { scannerTextUnknown: "The file was not looked at for a scanner's text." } : {}),
    };
  });
}
