// The documents list names a scanned page read with far less confidence than the rest.
import { expect, it } from 'vitest';
import { confidenceText } from '../../../renderer/src/features/documents/weakest-page.ts';

it('names the weakest page when it is far under the mean, and asks for a look at the image', () => {
  expect(confidenceText({ meanConfidence: 93.2, weakestPage: { page: 2, confidence: 41.3 } })).toBe('93 % confidence; page 2: 41 %, check the image');
});

it('gives the mean alone when every page is near it, or there is one page', () => {
  expect(confidenceText({ meanConfidence: 89.9, weakestPage: { page: 5, confidence: 78.9 } })).toBe('90 % confidence');
  expect(confidenceText({ meanConfidence: 41, weakestPage: { page: 1, confidence: 41 } })).toBe('41 % confidence');
  expect(confidenceText({ meanConfidence: null, weakestPage: null })).toBe('');
});
