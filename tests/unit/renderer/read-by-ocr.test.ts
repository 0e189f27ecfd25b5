// What "Read by OCR…" says: the time a range may take before it is asked, and what was queued after.
import { describe, expect, it } from 'vitest';
import { readByOcrNotice, readingTime } from '../../../renderer/src/features/documents/read-by-ocr-text.ts';

describe('Read by OCR', () => {
  it('says how long a range may take, a whole manual in hours', () => {
    expect(readingTime(4)).toBe('4 pages: about a minute in the background.');
    expect(readingTime(1)).toBe('1 page: about a minute in the background.');
    expect(readingTime(120)).toBe('120 pages: up to about 10 minutes in the background.');
    expect(readingTime(762)).toBe('762 pages: up to about 64 minutes in the background.');
    expect(readingTime(2000)).toBe('2000 pages: up to about 3 hours in the background.');
    // A range not yet typed, or backwards, says nothing (the dialog refuses it on submit).
    expect(readingTime(Number.NaN)).toBe('');
    expect(readingTime(-2)).toBe('');
  });

  it('says what was queued, and what was left as it was', () => {
    expect(readByOcrNotice('GO 9', { queued: 4, alreadyOcr: 0, fromPage: 1, toPage: 4 })).toBe("Reading 4 pages of “GO 9” (pages 1–4) by OCR. Each keeps the file's text until its reading lands.");
    expect(readByOcrNotice('GO 9', { queued: 1, alreadyOcr: 1, fromPage: 1, toPage: 2 })).toBe(
      "Reading 1 page of “GO 9” (pages 1–2) by OCR. Each keeps the file's text until its reading lands. 1 page already had OCR text or was waiting for it, and is left as it is.",
    );
    expect(readByOcrNotice('GO 9', { queued: 0, alreadyOcr: 2, fromPage: 1, toPage: 2 })).toBe('Nothing to read in “GO 9”, pages 1–2: 2 pages already had OCR text or were waiting for it, and are left as they are.');
  });
});
