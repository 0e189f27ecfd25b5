// A page OCR could not read is said once with its page: a reason that already names it is not
// given it twice, one that does not is, and a re-read that failed says the earlier text is kept.
import { expect, it } from 'vitest';
import { ocrFailureText } from '../../../shared/domain/ocr-failure.ts';

it('gives a reason its page only when it does not name it already', () => {
  expect(ocrFailureText({ page: 3, error: 'The page is larger than OCR can draw.', kept: false })).toBe('Page 3: The page is larger than OCR can draw.');
  expect(ocrFailureText({ page: 3, error: 'Page 3 was not read: OCR reads at most 1 page of one document.', kept: false })).toBe('Page 3 was not read: OCR reads at most 1 page of one document.');
  // "Page 30" is not page 3's name.
  expect(ocrFailureText({ page: 3, error: 'Page 30 took too long.', kept: false })).toBe('Page 3: Page 30 took too long.');
});

it('says a failed re-read kept the earlier text, unless asked not to (a short chip)', () => {
  const f = { page: 2, error: 'Page 2 took longer than 120 s.', kept: true };
  expect(ocrFailureText(f)).toBe('Page 2 took longer than 120 s. (its earlier OCR text is kept)');
  expect(ocrFailureText(f, { sayKept: false })).toBe('Page 2 took longer than 120 s.');
  expect(ocrFailureText({ ...f, error: 'The engine stopped.' }, { unnamed: (p, e) => `page ${p} failed: ${e}` })).toBe('page 2 failed: The engine stopped. (its earlier OCR text is kept)');
});
