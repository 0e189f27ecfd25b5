// chokehold (airway): the phrasings policies outside the corpus use — "lethal force", a
// permission worded as a limit, a place in a force classification, an emergency exception —
// beside corpus sentences. The lint's own cases stay in tests/unit/domain/chokehold-lint.test.ts.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('chokehold');

describe('chokehold', () => {
  it.each([
    // Buffalo Grove p3, Springfield UOF-02 p3 (corpus)
    'Officers shall not use a choke hold in the performance of his or her duties, unless deadly force is justified.',
    'Choke holds and vascular restraints are prohibited unless deadly force is authorized.',
    // written: "lethal force" is deadly force; an emergency to prevent death or serious bodily injury
    'Chokeholds are prohibited unless the use of lethal force is authorized.',
    'Officers shall not use a chokehold except in an emergency to prevent death or serious bodily injury.',
    'A chokehold is considered lethal force.',
  ])('prohibited except deadly force: %s', (s) => expect(stance(s)).toBe('prohibited_except_deadly_force'));

  it.each([
    'The use of chokeholds is prohibited.',
    'Officers shall never use a stranglehold.',
  ])('prohibited outright: %s', (s) => expect(stance(s)).toBe('prohibited_outright'));

  it.each([
    // a permission worded as a restriction
    'A chokehold may be used only when the subject is violent or actively resisting.',
    // a place in a force classification
    'Neck holds are classified as hard empty-hand control techniques.',
  ])('permitted: %s', (s) => expect(stance(s)).toBe('permitted'));

  it.each([
    // Bloomington 101 p2 (corpus): a suspect's conduct
    'Strangle means intentionally impeding the normal breathing or circulation of the blood of an individual by applying pressure on the throat or neck.',
    'Chokeholds are not taught by the Department.',
  ])('not addressed: %s', (s) => expect(stance(s)).toBe('not_addressed'));
});
