// The strength of a sentence's direction. Policies direct in the present passive too ("Every use
// of force is reported…"): with a universally quantified subject opening the clause and a duty
// verb, that reads as firm — a relative clause, a condition, a question, the past tense or a
// negation does not.
import { describe, expect, it } from 'vitest';
import { PASSIVE_DUTY, strength } from '../../../../shared/domain/prereview/text/modality.ts';

describe('present-passive directions', () => {
  it.each([
    // The sample order (resources/sample), GO 300 p3
    'Every use of force beyond unresisted handcuffing is reported before the end of shift and reviewed by a supervisor.',
    'All uses of force are reported to the on-duty supervisor.',
    'Each incident is documented in an incident report.',
    'Every discharge of a firearm is investigated by the Professional Standards Unit.',
    'Every use of force, including the pointing of a firearm at a person, is promptly reported.',
    'All such incidents are to be documented on the department form.',
    '(c) Each injury is photographed and the photographs are retained with the report.',
    'Supervisors respond to the scene; every complaint is investigated.',
    'In addition, any use of force against a restrained person is reviewed by the Chief.',
    // A section heading the segmenter joined to the sentence (the sample order's page 3).
    '300.6 REPORTING AND REVIEW Every use of force beyond unresisted handcuffing is reported before the end of shift.',
  ])('firm: %s', (s) => {
    expect(PASSIVE_DUTY.test(s)).toBe(true);
    expect(strength(s)).toBe('firm');
  });

  it.each([
    // A relative clause: the force is the object of someone else's reporting, not a rule.
    ['a relative clause', 'The review covers any force that is reported to a supervisor.'],
    ['a relative clause after a comma', 'Supervisors read the report, any part of which is reviewed by the Chief.'],
    ['a clause inside another', 'The form on which every use of force is recorded is kept by the records unit.'],
    ['a condition', 'If any use of force is reported late, the supervisor notes the delay.'],
    ['a question', 'Is every use of force reported?'],
    ['the past tense', 'In 2019 every use of force was reported to the state.'],
    ['a description of what happened', 'All uses of force were reviewed by the board last year.'],
    ['a negation', 'Not every use of force is reported.'],
    ['a negated verb', 'Each incident is not reported to the state.'],
    ['a subject that is not all of them', 'The use of force is reported in the annual analysis.'],
    ['a verb that is no duty', 'All officers are issued a baton.'],
    ['a quantifier inside the sentence', 'The supervisor confirms that each report is reviewed.'],
    ['a quantifier after a preposition', 'Reports of any use of force are reviewed monthly.'],
    ['another verb in the subject', 'Every officer who uses force is trained annually.'],
  ])('not a direction: %s', (_what, s) => {
    expect(PASSIVE_DUTY.test(s)).toBe(false);
    expect(strength(s)).toBe(null);
  });

  it('stays soft when the sentence says "should"', () => {
    expect(strength('Every use of force is reported and should be reviewed by a supervisor.')).toBe('soft');
  });
});
