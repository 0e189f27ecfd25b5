// Said wherever words came from a scanned image: search hits, lint findings, pre-review passages.
// In words (never colour alone), with what to do about it in the tooltip.
export function OcrChip({ what = 'This passage was' }: { what?: string }) {
  return (
    <span className="chip ocr-chip" title={`${what} read from a scanned image by OCR: check it against the image`}>
      OCR text
    </span>
  );
}
