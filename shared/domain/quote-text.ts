// A quote as a reviewer reads it: on one line, one space between words. The text a selection
// gives has the page's line breaks, and on a scan two spaces between words (the OCR text layer
// fills each gap with two, renderer/src/pdf/ocr-text-layer.ts `GAP`); the stored quote keeps
// the extracted text's own breaks (its offsets point into it). Plain TypeScript with no imports.

/** White space run together into single spaces, trimmed. */
export function quoteText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The quote on one line, cut to `max` characters, with "…" only when something was cut. */
export function quotePreview(text: string, max: number): string {
  const one = quoteText(text);
  return one.length > max ? `${one.slice(0, max).trimEnd()}…` : one;
}
