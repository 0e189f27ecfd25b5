// What helps a page OCR failed on, told from its stored reason: Retry is offered only where
// reading again may work, and the reasons a reviewer reads name no environment variable.
import { expect, it } from 'vitest';
import { OCR_MESSAGES, ocrFailureKind } from '../../../electron/services/ocr/limits.ts';
import { engineStoppedMessage } from '../../../electron/services/ocr/engine-client.ts';

it('pages too large, damaged or over a memory cap need another copy; more pages than OCR reads need the file in parts', () => {
  expect(ocrFailureKind(OCR_MESSAGES.pageTooLarge(4, 200, 200, 300, 3600, 40))).toBe('new_copy');
  expect(ocrFailureKind(OCR_MESSAGES.imageTooLarge(2, 40))).toBe('new_copy');
  expect(ocrFailureKind(OCR_MESSAGES.damagedImage(5, 'JBIG2'))).toBe('new_copy');
  expect(ocrFailureKind(OCR_MESSAGES.damagedImage(5, undefined))).toBe('new_copy');
  expect(ocrFailureKind(OCR_MESSAGES.renderMemory(3, 1024))).toBe('new_copy');
  expect(ocrFailureKind(`Page 3 could not be read by OCR (${engineStoppedMessage({ code: null, signal: 'SIGKILL', outOfMemory: false }, 1792)}).`)).toBe('new_copy');
  expect(ocrFailureKind(OCR_MESSAGES.overDocumentLimit(2_001, 2_000))).toBe('page_limit');
  expect(ocrFailureKind(OCR_MESSAGES.overDocumentLimit(2, 1))).toBe('page_limit');
  // As an earlier version stored it.
  expect(ocrFailureKind('Page 2 was not read: OCR reads at most 1 page of one document (CREDENCE_OCR_PAGE_LIMIT raises the limit).')).toBe('page_limit');
});

it('a page of an encrypted file whose password the workspace lacks needs the password, not a retry (as stored now and before)', () => {
  expect(ocrFailureKind(OCR_MESSAGES.needsPassword)).toBe('password');
  expect(ocrFailureKind('Page 3 could not be drawn for OCR (No password given).')).toBe('password');
  expect(ocrFailureKind('Page 3 could not be drawn for OCR (Incorrect Password).')).toBe('password');
});

it('a page that ran out of time, or whose engine or renderer stopped, may pass on retry; so may a reason not recognised', () => {
  // Refused as too large at the app's resolution by an earlier version, which drew no page smaller: read now.
  expect(ocrFailureKind('Page 2 is 27.1 × 34.8 inches: at 300 dpi that is 85 megapixels, over the limit of 40 for one page. It was not read; ask the agency for a copy at a normal page size.')).toBe('retry');
  expect(ocrFailureKind(OCR_MESSAGES.timeout(2, 120_000))).toBe('retry');
  expect(ocrFailureKind(`Page 2 could not be read by OCR (${engineStoppedMessage({ code: 1, signal: null, outOfMemory: false })}).`)).toBe('retry');
  expect(ocrFailureKind('Page 2 could not be drawn for OCR (the renderer stopped, exit 1).')).toBe('retry');
  expect(ocrFailureKind('The reason was not recorded.')).toBe('retry');
  expect(ocrFailureKind(null)).toBe('retry');
});

it('the reasons say what a reviewer can do, not which environment variable raises a limit', () => {
  for (const m of [OCR_MESSAGES.timeout(2, 120_000), OCR_MESSAGES.overDocumentLimit(2_001, 2_000)]) expect(m).not.toMatch(/CREDENCE_|_MS\b/);
  expect(OCR_MESSAGES.timeout(2, 120_000)).toBe(
    "Page 2 took longer than OCR's limit of 120 s for one page and was stopped. Retry OCR when the computer is less busy; if it fails again, the page may be made to stall OCR: ask the agency for another copy.",
  );
});
