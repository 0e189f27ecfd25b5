// no-knock-warrants: prohibited, restricted (authorization or named circumstances), not_addressed.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('no-knock-warrants');

describe('no-knock-warrants', () => {
  it('prohibited', () => expect(stance('Members shall not seek or execute no-knock warrants.')).toBe('prohibited'));
  it.each([
    'A no-knock entry may be made only with judicial authorization and the approval of the Chief of Police.',
    // La Grange 618.6 p482 (corpus), an affidavit guideline that presupposes judicial authorization
    'The affidavit should contain, as applicable, the reasons a no-knock warrant is requested.',
  ])('restricted: %s', (s) => expect(stance(s)).toBe('restricted'));
  it('not addressed: an arrest without a warrant is no entry rule', () => {
    expect(stance('Officers may arrest without a warrant when there is probable cause.')).toBe('not_addressed');
  });
});
