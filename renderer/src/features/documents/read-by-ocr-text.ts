// What "Read by OCR…" says, in words: before (how long a range may take) and after (what was queued).

export interface ReadByOcrResult {
  queued: number;
  alreadyOcr: number;
  fromPage: number;
  toPage: number;
}

/** What the documents pane says once the pages are queued. */
export function readByOcrNotice(title: string, r: ReadByOcrResult): string {
  const range = r.fromPage === r.toPage ? `page ${r.fromPage}` : `pages ${r.fromPage}–${r.toPage}`;
  const already = r.alreadyOcr > 0 ? ` ${r.alreadyOcr === 1 ? '1 page' : `${r.alreadyOcr} pages`} already had OCR text or ${r.alreadyOcr === 1 ? 'was' : 'were'} waiting for it, and ${r.alreadyOcr === 1 ? 'is' : 'are'} left as ${r.alreadyOcr === 1 ? 'it is' : 'they are'}.` : '';
  if (r.queued === 0) return `Nothing to read in “${title}”, ${range}:${already}`;
  return `Reading ${r.queued === 1 ? '1 page' : `${r.queued} pages`} of “${title}” (${range}) by OCR. Each keeps the file's text until its reading lands.${already}`;
}

/**
 * How long the reading may take, said before it is asked: 3–5 s a page with one engine worker
 * (La Grange's 23 scanned pages took 66 s with the CLI on a 2-core machine), so a whole manual
 * chosen by mistake is seen as the hour it is.
 */
export function readingTime(pages: number): string {
  if (!(pages > 0)) return '';
  const minutes = Math.ceil((pages * 5) / 60);
  return `${pages} ${pages === 1 ? 'page' : 'pages'}: ${minutes <= 1 ? 'about a minute' : `up to about ${minutes < 90 ? `${minutes} minutes` : `${Math.round(minutes / 60)} hours`}`} in the background.`;
}

export interface UseFileTextResult {
  restored: number;
  withoutFileText: number;
  fromPage: number;
  toPage: number;
}

/** What the viewer says once pages are back on the file's text (Use file text…, or a page's badge). */
export function fileTextNotice(title: string, r: UseFileTextResult): string {
  const range = r.fromPage === r.toPage ? `page ${r.fromPage}` : `pages ${r.fromPage}–${r.toPage}`;
  const one = r.withoutFileText === 1;
  const scans =
    r.withoutFileText > 0
      ? ` ${one ? '1 page has' : `${r.withoutFileText} pages have`} no file text to go back to (a scan's ${one ? 'page' : 'pages'}, or read before Credence kept that text) and ${one ? 'is' : 'are'} left as ${one ? 'it is' : 'they are'}.`
      : '';
  if (r.restored === 0) return `Nothing in “${title}”, ${range}, was read by OCR over the file's own text.${scans}`;
  return `${r.restored === 1 ? '1 page' : `${r.restored} pages`} of “${title}” (${range}) ${r.restored === 1 ? 'is' : 'are'} back on the file's own text; highlights moved with the words.${scans}`;
}
