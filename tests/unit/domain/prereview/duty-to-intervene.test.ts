// duty-to-intervene: required (shall intervene/intercede), report_only (only report), not_addressed.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('duty-to-intervene');

describe('duty-to-intervene', () => {
  it.each([
    // Arlington Heights p11, Buffalo Grove p3 (corpus)
    'Any officer present and observing another officer using force that is clearly beyond that which is objectively reasonable under the circumstances shall, when in a position to do so, safely intercede to prevent the use of such excessive force.',
    'An officer has a duty to intervene to prevent or stop the use of excessive force by another officer when it is safe and reasonable to do so.',
    // written
    'Members who witness a fellow member use unreasonable force must take reasonable action to stop it.',
  ])('required: %s', (s) => expect(stance(s)).toBe('required'));

  it('report_only when the duty is to tell a supervisor, not to step in', () => {
    expect(stance('An officer who observes another officer use excessive force shall report it to a supervisor as soon as practical.')).toBe('report_only');
  });

  it.each([
    // Hanover Park 163-A (corpus): intervention with employees, not in force
    'The Personnel Early Intervention System is a non-disciplinary tool for early intervention with employees.',
    'Crisis intervention team members shall respond to calls involving persons in crisis.',
    'Do not try to take custody of a subject who is being apprehended by the canine.',
  ])('not addressed: %s', (s) => expect(stance(s)).toBe('not_addressed'));
});
