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

  // A section heading's topic is not the sentence's: under "Neck restraints" (both kinds), a
  // sentence on chokeholds says nothing of vascular restraints, and the later outright ban stands.
  it('a heading naming both kinds does not lend its sentence the other kind', () => {
    const p1 = 'MARLOW TOWNSHIP POLICE\nGeneral Order 7.2 Use of Force\n7.2.4 Neck restraints\nChoke holds are prohibited unless\ndeadly force is authorized by law.';
    const p2 = '7.2.5 Carotid restraint\nVascular neck restraints are banned\nin all circumstances.';
    expect(stance(p1, p2)).toBe('prohibited_outright');
    expect(stanceOf('chokehold')(p1, p2)).toBe('prohibited_except_deadly_force');
  });

  it('a heading still names what a sentence without a subject rules on', () => {
    expect(stance('IV. Vascular Neck Restraints\nProhibited except where deadly force is authorized.')).toBe('prohibited_except_deadly_force');
    // A sentence broken across lines is no heading: its first line keeps its words.
    expect(stance('Vascular neck restraints are not\nallowed unless deadly force is justified.')).toBe('prohibited_except_deadly_force');
  });
});
