// Copying from a scanned page. Its text layer fills each gap between words with two spaces
// (ocr-text-layer.ts `GAP`, so that pdf.js stretches the gap to the image's), and the copied text
// would keep both: a passage pasted into a memo would read "Choke  holds  are  prohibited". On a
// page read by OCR (drawOcr marks its layer `data-source="ocr"`) runs of spaces are copied as one;
// the lines stay as the page has them. Other pages are left to pdf.js's own copy.

const onOcrPage = (n: Node | null) => !!(n instanceof Element ? n : n?.parentElement)?.closest('.page')?.querySelector(':scope > .credence-ocr[data-source="ocr"]');

/** The text to copy for this selection when it touches a page read by OCR; null otherwise. */
export function scanCopyText(sel: Selection | null): string | null {
  if (!sel || sel.isCollapsed || !(onOcrPage(sel.anchorNode) || onOcrPage(sel.focusNode))) return null;
  // As pdf.js's copy does, no NUL characters.
  return sel.toString().replace(/ {2,}/g, ' ').replaceAll('\0', '');
}
