// What the case search says it could not see: each scanned document's pages with no text yet, and why.
import { expect, it } from 'vitest';
import { pagesText, unsearchedDocuments } from '../../../renderer/src/features/search/unsearched.ts';
import type { DocumentListItem } from '../../../shared/schemas/document.ts';

type Ocr = NonNullable<DocumentListItem['ocr']>;
const doc = (title: string, ocr: Partial<Ocr> | null): DocumentListItem =>
  ({
    id: title,
    title,
    ocr: ocr && { total: 5, pagesOcr: 0, pending: 0, failed: 0, failedKept: 0, stopped: 0, fileText: 0, failures: [], retryable: false, meanConfidence: null, weakestPage: null, unreadRuns: [], running: false, ...ocr },
  }) as DocumentListItem;

it('says pages as runs, and that some were left off', () => {
  expect(pagesText([[4, 4]], false)).toBe('page 4');
  expect(pagesText([[3, 5]], false)).toBe('pages 3–5');
  expect(pagesText([[2, 2], [4, 6]], false)).toBe('pages 2, 4–6');
  expect(pagesText([[2, 2]], true)).toBe('pages 2, …');
});

it('names each document with unread pages, says why, and which can be resumed', () => {
  const docs = [
    doc('typed policy', null),
    doc('calder-directive-12', { pagesOcr: 2, stopped: 3, unreadRuns: [[3, 5]] }),
    doc('hartwell', { total: 3, pagesOcr: 2, failed: 1, unreadRuns: [[4, 4]] }),
    doc('all read', { total: 2, pagesOcr: 2 }),
    doc('big scan', { total: 40, pending: 40, unreadRuns: [[1, 2], [4, 4]] }),
  ];
  expect(unsearchedDocuments(docs)).toEqual([
    { documentId: 'calder-directive-12', title: 'calder-directive-12', pages: 3, text: 'pages 3–5 not read yet (OCR stopped)', stopped: true },
    { documentId: 'hartwell', title: 'hartwell', pages: 1, text: 'page 4 not read yet (OCR failed: see Documents)', stopped: false },
    { documentId: 'big scan', title: 'big scan', pages: 40, text: 'pages 1–2, 4, … not read yet (waiting for OCR)', stopped: false },
  ]);
});
