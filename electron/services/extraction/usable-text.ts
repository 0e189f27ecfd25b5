// Whether a page's text layer is text a person could search and quote, or only looks like it:
// none at all, glyphs without a meaning (replacement characters, private-use codes, strings of
// symbols from a font with no Unicode map), or a page number and a stamp over a full-page scan.
// Such pages are read again by OCR. Plain TypeScript importing only shared/domain/page-coverage.ts
// (how much of the page its images cover): the extraction worker runs it as is.

/** Fewer letters than this over images covering the page is a scan with a stamp or a page number on it. */
export const FEW_LETTERS = 200;
export { FULL_PAGE, imageShare, type CoverageOps } from '../../../shared/domain/page-coverage.ts';

/** Whether the text is no text, or garbage: it does not say so when it is merely short. */
export function textIsGarbage(text: string): boolean {
  const visible = text.replace(/\s+/g, '');
  if (visible.length === 0) return true;
  // U+FFFD, private-use and control characters: what an unmapped glyph comes out as.
  const meaningless = (visible.match(/[\uFFFD\uE000-\uF8FF\u0000-\u001F\u007F-\u009F]/g) ?? []).length;
  if (meaningless / visible.length > 0.3) return true;
  // A font with no Unicode map gives the glyph ids as letters: words without vowels, by the dozen.
  const words = text.match(/\p{L}{3,}/gu) ?? [];
  if (words.length >= 20) {
    const voiced = words.filter((w) => /[aeiouyAEIOUY\u00C0-\u024F]/.test(w) || !/[A-Za-z]/.test(w)).length;
    if (voiced / words.length < 0.4) return true;
  }
  // Letters and digits must make up a fair part of what is there (dot leaders in a table of
  // contents still leave the entries' words).
  const letters = (visible.match(/[\p{L}\p{N}]/gu) ?? []).length;
  return visible.length >= 20 && letters / visible.length < 0.15;
}

export const countLetters = (text: string): number => (text.match(/[\p{L}\p{N}]/gu) ?? []).length;

