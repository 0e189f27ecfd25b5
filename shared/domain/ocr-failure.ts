// How a page OCR could not read is written for a person, in the documents list and in the CLI.
// Most reasons already begin with their page ("Page 3 was not read: …", "Page 3 could not be read
// by OCR (…)"); the others are given it. Plain TypeScript with no imports: the renderer and the
// main process both use it.

export interface OcrFailure {
  /** 1-based. */
  page: number;
  error: string;
  /** The page failed while being read again and keeps its earlier OCR text. */
  kept: boolean;
}

/** Whether the reason already says which page it is about. */
const namesItsPage = (f: OcrFailure) => new RegExp(`^Page ${f.page}\\b`).test(f.error);

/** "Page 3: reason", or the reason as it stands when it names its page; `kept` is said when asked. */
export function ocrFailureText(f: OcrFailure, opts: { unnamed?: (page: number, error: string) => string; sayKept?: boolean } = {}): string {
  const unnamed = opts.unnamed ?? ((page, error) => `Page ${page}: ${error}`);
  const why = namesItsPage(f) ? f.error : unnamed(f.page, f.error);
  return (opts.sayKept ?? true) && f.kept ? `${why} (its earlier OCR text is kept)` : why;
}
