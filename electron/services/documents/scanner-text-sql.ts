// Reading what the look for a scanner's own OCR stored (scanner-text-survey.ts, migration 016),
// for the services that say so beside a page's words: search hits, highlights and evidence, the
// packet's sources. No imports: the search and annotation services take it without the survey.

/**
 * SQL true when a page of `doc` from `from` to `to` (0-based column expressions) still carries a
 * scanner's own OCR as its text: found by the survey, and not since read by Credence. The stored
 * list is read only if it is valid JSON, so a damaged row cannot fail the query it sits in.
 */
export const scannerTextSql = (doc: string, from: string, to: string) => `EXISTS (
  SELECT 1 FROM scanner_text_survey sts, json_each(CASE WHEN json_valid(sts.pages) THEN sts.pages ELSE '[]' END) stp
  WHERE sts.document_id = ${doc} AND sts.error IS NULL AND stp.value BETWEEN ${from} AND ${to}
    AND NOT EXISTS (SELECT 1 FROM page_ocr sto WHERE sto.document_id = ${doc} AND sto.page_index = stp.value AND sto.source = 'ocr'))`;

/** A survey's stored page list (written by this app, read as if it were not). */
export const surveyedPages = (json: string): number[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((n): n is number => Number.isInteger(n) && n >= 0) : [];
  } catch {
    return [];
  }
};
