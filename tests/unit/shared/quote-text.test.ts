// Quotes as a reviewer reads them: one line, one space between words, and "…" only where cut.
import { expect, it } from 'vitest';
import { quotePreview, quoteText } from '../../../shared/domain/quote-text.ts';

// As a selection on a scan gives it: two spaces between words, the image's line breaks.
const FROM_SCAN = 'Chokeholds  and  vascular  neck  restraints  are  prohibited  unless\nthe  use  of  deadly  force  is  authorized  by  law.';

it('runs white space together into single spaces', () => {
  expect(quoteText(` ${FROM_SCAN}\n`)).toBe('Chokeholds and vascular neck restraints are prohibited unless the use of deadly force is authorized by law.');
  expect(quoteText('unless\n\nthe use')).toBe('unless the use');
});

it('adds "…" only when the quote was cut, measured on the quote as shown', () => {
  // 107 characters as shown, 122 as selected: whole, no "…".
  expect(quotePreview(FROM_SCAN, 120)).toBe('Chokeholds and vascular neck restraints are prohibited unless the use of deadly force is authorized by law.');
  expect(quotePreview(FROM_SCAN, 40)).toBe('Chokeholds and vascular neck restraints…');
  expect(quotePreview('Officers shall intervene.', 25)).toBe('Officers shall intervene.');
});
