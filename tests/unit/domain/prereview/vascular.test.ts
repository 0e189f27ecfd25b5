// vascular (blood flow): read apart from the airway rule.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('vascular');

describe('vascular', () => {
  it.each([
    // La Grange 300.3.4 (corpus)
    'The use of the carotid control hold is limited to those circumstances where deadly force is authorized.',
    // Springfield UOF-01 p5 (corpus)
    'Vascular neck restraints, chokeholds, and similar control tactics are not authorized to be used by members of the Springfield Police Department, except in deadly force encounters.',
    // written: lethal force, emergency
    'The lateral vascular neck restraint shall not be applied unless lethal force would be justified.',
    'Carotid restraints are prohibited except to prevent imminent death or serious bodily injury.',
  ])('prohibited except deadly force: %s', (s) => expect(stance(s)).toBe('prohibited_except_deadly_force'));

  it.each([
    // written: permissions worded as limits and classifications
    'The carotid control hold may only be used when the subject is violent or physically resisting.',
    'The carotid restraint is classified as hard empty-hand control.',
    // weak trigger (DOMAIN.md)
    'The carotid restraint may be used in life threatening or high risk/assaultive situations.',
  ])('permitted: %s', (s) => expect(stance(s)).toBe('permitted'));

  it('prohibited outright', () => expect(stance('The Department prohibits the lateral vascular neck restraint (LVNR).')).toBe('prohibited_outright'));

  it.each([
    'Chokeholds are prohibited unless deadly force is justified.',
    'Officers shall not strike the head or neck with a baton.',
  ])('not addressed: %s', (s) => expect(stance(s)).toBe('not_addressed'));
});
