// Said wherever words came from a scanned image: search hits, lint findings, pre-review passages.
// In words (never colour alone), with what to do about it in the tooltip.
export function OcrChip({ what = 'This passage was' }: { what?: string }) {
  return (
    <span className="chip ocr-chip" title={`${what} read from a scanned image by OCR: check it against the image`}>
      OCR text
    </span>
  );
}

/** Words that are a scanner's own OCR, carried in the file: someone else's reading, often misread. */
export function ScannerTextChip({ what = 'This passage is' }: { what?: string }) {
  return (
    <span className="chip ocr-chip scanner-passage-chip" title={`${what} the scanner's own reading of the image, carried in the file (not read by Credence): check it against the image, or read the page by OCR`}>
      Scanner's OCR text
    </span>
  );
}
