// warning-before-deadly-force: required (shall warn where feasible), encouraged (should), not_addressed.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('warning-before-deadly-force');

describe('warning-before-deadly-force', () => {
  it.each([
    'When reasonable, the officer shall, prior to the use of deadly force, make efforts to identify him/herself as a peace officer and to warn that deadly force may be used.',
    'Where feasible, officers will give a verbal warning before firing at a person.',
    // OCR's "rn" read as "m" on a scan (Springfield UOF-02, Hanover Park 205-P)
    'Where feasible, officers will give a verbal waming before firing at a person.',
    'Where feasible, the officer shall identify himself or herself and wam of his or her intent to use deadly force.',
  ])('required: %s', (s) => expect(stance(s)).toBe('required'));

  it.each([
    // Arlington Heights p9, Harrisonburg p4 (corpus)
    'Where feasible, and where such action does not increase the level of danger to the officer or others, a warning or command should be given before deadly force is used.',
    'If feasible, the officer should give a warning prior to using deadly force.',
  ])('encouraged: %s', (s) => expect(stance(s)).toBe('encouraged'));

  it.each([
    // Rockford FAQ p4 (corpus): states there is no such rule
    'No, the law does not require a verbal warning before shooting.',
    // Hanover Park 205-P p6 (corpus): warnings before force in general, not deadly force
    'Control may be achieved through advice, persuasion and warnings prior to the use of physical force.',
    'Officers shall give a warning before deploying the TASER when feasible.',
    'Warning shots are prohibited.',
    'Waming shots are prohibited.',
    // "warm" is a word of its own, not a misread "warn"
    'Officers shall keep the subject warm before firing range practice resumes.',
  ])('not addressed: %s', (s) => expect(stance(s)).toBe('not_addressed'));
});
