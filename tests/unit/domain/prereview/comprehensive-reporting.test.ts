// comprehensive-reporting: all_force_incl_pointing, partial (force reported, pointing not named), not_addressed.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('comprehensive-reporting');

describe('comprehensive-reporting', () => {
  it.each([
    // Hanover Park 205-P p9 (corpus)
    'Any use of force beyond mere physical contact, including the pointing of lethal and/or less lethal weapons, will be reported immediately to the on-duty supervisor.',
    'Every use of force, including pointing a firearm at a person, shall be documented in a use of force report.',
  ])('all force including pointing: %s', (s) => expect(stance(s)).toBe('all_force_incl_pointing'));

  it('an item under a reporting lead-in (La Grange 344.2.2, p185)', () => {
    expect(stance('Incidents that shall be documented using the appropriate approved report include:\n(a) Anytime an officer points a firearm at any person.\n(b) Any use of force against any person by a member of this department.')).toBe('all_force_incl_pointing');
  });

  it.each([
    // Arlington Heights p11 (corpus)
    'Any time a police officer uses force, other than force that causes serious physical injury or death, in the performance of duty, the officer shall document the circumstances surrounding their action(s) in an Incident/Offense Report.',
    'Any use of force by a member of this department shall be documented promptly, completely, and accurately in an appropriate report.',
  ])('partial: %s', (s) => expect(stance(s)).toBe('partial'));

  it.each([
    // The sample order (resources/sample), GO 300 p3: the present passive of a policy directs.
    'Every use of force beyond unresisted handcuffing is reported before the end of shift and reviewed by a supervisor.',
    'All uses of force are documented in a use of force report before the end of shift.',
    'Each use of force, including force against a restrained person, is to be reported to a supervisor.',
  ])('partial, in the present passive: %s', (s) => expect(stance(s)).toBe('partial'));

  it('all force including pointing, in the present passive', () => {
    expect(stance('Every use of force, including pointing a firearm at a person, is reported to the on-duty supervisor.')).toBe('all_force_incl_pointing');
  });

  it.each([
    // A relative clause, a definition, a purpose statement, what happened, a question: no duty.
    'The supervisor reviews any use of force that is reported to the watch commander.',
    'Reportable force: every use of force is reported on the form.',
    'The purpose of this order is to ensure every use of force is reported.',
    'In 2019 every use of force was reported to the state.',
    'Is every use of force reported?',
  ])('not addressed, though it says “every use of force … reported”: %s', (s) => expect(stance(s)).toBe('not_addressed'));

  it.each([
    'Occurrences shall be reported to the Personnel Early Intervention System Administrator.',
    'Officers should document the incident in a report.',
  ])('not addressed: %s', (s) => expect(stance(s)).toBe('not_addressed'));
});
