// force-continuum: present (a scheme ties resistance to force), absent.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('force-continuum');

describe('force-continuum', () => {
  it.each([
    // Buffalo Grove p1 (corpus): a definition still names the scheme
    "Response to Resistance Model: The Response to Resistance Model, also known as the Confrontational Continuum, is defined as that necessary degree of response to be used by police as determined by an assessment of the subject's threat/resistance level.",
    'The Department uses a use of force matrix that ties each level of resistance to the force options an officer may use.',
  ])('present: %s', (s) => expect(stance(s)).toBe('present'));

  it.each([
    // Rockford FAQ p2 (corpus)
    'No. The Rockford Police Department does not use a use-of-force continuum.',
    'Officers shall use only force that is objectively reasonable under the totality of the circumstances.',
  ])('absent: %s', (s) => expect(stance(s)).toBe('absent'));
});
