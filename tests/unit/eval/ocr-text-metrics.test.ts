// The OCR eval's measures on hand-made texts whose distances are known by counting.
import { describe, expect, it } from 'vitest';
import { bagOfWordsErrors, charErrors, normaliseText, orderFreeCharErrors, rate, wordErrors } from '../../eval/ocr/text-metrics.ts';

describe('OCR text normalisation (both sides alike)', () => {
  it('drops drawn rules, leaders and filler words, and the space a text layer puts before a colon', () => {
    expect(normaliseText('____________________\nPOLICE MANUAL')).toBe('POLICE MANUAL');
    expect(normaliseText('Contents ........ 4')).toBe('Contents 4');
    expect(normaliseText('Use of Force - 5')).toBe('Use of Force 5');
    expect(normaliseText('. Any injury | or')).toBe('Any injury or');
    // A bullet read as "." at a line's start is not the end of the line before.
    expect(normaliseText('involves:\n. Any injury')).toBe('involves: Any injury');
    expect(normaliseText('Serious Bodily Injury :  ( See Guide ) .')).toBe('Serious Bodily Injury: (See Guide).');
  });

  it('keeps what a reader reads: case, digits, punctuation inside words, hyphenated words', () => {
    expect(normaliseText('Shall  1.6.01 de-escalation “Chokehold”')).toBe('Shall 1.6.01 de-escalation "Chokehold"');
    expect(normaliseText('5/7-5 $100 § 3')).toBe('5/7-5 $100 § 3');
  });
});

describe('ordered error rates', () => {
  it('count character and word edits against the reference length', () => {
    expect(charErrors('warn the suspect', 'wam the suspect')).toEqual({ edits: 2, length: 16 });
    expect(wordErrors('warn the suspect', 'wam the suspect')).toEqual({ edits: 1, length: 3 });
    expect(charErrors('same text', 'same  text\n')).toEqual({ edits: 0, length: 9 });
  });

  it('count a reordered text as errors although every word is right', () => {
    const reference = 'HEADER LINE one two three four';
    const reordered = 'one two three four HEADER LINE';
    expect(wordErrors(reference, reordered).edits).toBe(4);
    expect(charErrors(reference, reordered).edits).toBeGreaterThan(10);
  });

  it('sum edits over summed lengths, so a long page weighs more', () => {
    expect(rate([{ edits: 1, length: 10 }, { edits: 9, length: 90 }])).toBeCloseTo(0.1);
    expect(rate([])).toBe(0);
  });
});

describe('order-free error rates', () => {
  const reference = 'HEADER LINE one two three four';
  const reordered = 'one two three four HEADER LINE';

  it('count nothing for a text whose words are all there in another order', () => {
    expect(bagOfWordsErrors(reference, reordered)).toEqual({ edits: 0, length: 6 });
    expect(orderFreeCharErrors(reference, reordered)).toEqual({ edits: 0, length: reference.length });
  });

  it('count a misread word once, and its misread letters, wherever it sits', () => {
    const ocr = 'one two three four HEADER LlNE';
    expect(bagOfWordsErrors(reference, ocr)).toEqual({ edits: 1, length: 6 });
    expect(orderFreeCharErrors(reference, ocr).edits).toBe(1);
  });

  it('count missed and invented words, a split word as one substitution plus one insertion', () => {
    expect(bagOfWordsErrors('a b c d', 'a b')).toEqual({ edits: 2, length: 4 });
    expect(bagOfWordsErrors('a b', 'a b x y z')).toEqual({ edits: 3, length: 2 });
    // "onthe" for "on the": two reference words unmatched against one OCR word.
    expect(bagOfWordsErrors('Restrictions on the Use', 'Restrictions onthe Use')).toEqual({ edits: 2, length: 4 });
    expect(orderFreeCharErrors('Restrictions on the Use', 'Restrictions onthe Use').edits).toBe(1);
  });

  it('match a repeated word once per occurrence', () => {
    expect(bagOfWordsErrors('the the the', 'the')).toEqual({ edits: 2, length: 3 });
    expect(bagOfWordsErrors('the', 'the the the')).toEqual({ edits: 2, length: 1 });
  });

  it('are never more than the ordered ones on these texts', () => {
    const pairs: Array<[string, string]> = [
      [reference, reordered],
      ['warn the suspect that force may be imminent', 'wam the suspect that force may be imminent'],
      ['1. Based on mere suspicion. 2. Based on words alone.', '1. 2. Based on mere suspicion. Based on words alone.'],
    ];
    for (const [r, o] of pairs) {
      expect(bagOfWordsErrors(r, o).edits).toBeLessThanOrEqual(wordErrors(r, o).edits);
      expect(orderFreeCharErrors(r, o).edits).toBeLessThanOrEqual(charErrors(r, o).edits);
    }
  });
});
