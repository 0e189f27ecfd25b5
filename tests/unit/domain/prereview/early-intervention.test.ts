// early-intervention: established (a system with indicators or thresholds and review), not_addressed.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('early-intervention');

describe('early-intervention', () => {
  it('established: a system with a threshold and supervisory review', () => {
    expect(
      stance(
        'The Personnel Early Intervention System is a non-disciplinary tool. When an employee accumulates ten or more occurrences within a twelve-month period, the supervisor shall review the employee’s performance.',
      ),
    ).toBe('established');
  });
  it.each([
    // The sample's 300.7: a working system described in the present tense, no "shall".
    'The Department maintains a non-disciplinary early intervention system to identify members who may benefit from support. Indicators include uses of force, citizen complaints and vehicle pursuits. Three or more indicators within six months, compared with peers in the same assignment, trigger a documented supervisory review within fourteen days.',
    // written: an alert, a flag
    'The early warning system tracks complaints and uses of force. When an officer reaches the threshold, an alert is sent to the officer’s lieutenant for review.',
    'Officers with four or more complaints in a twelve-month period are flagged by the Early Intervention Program and referred to their commander.',
  ])('established, said as a working system: %s', (s) => expect(stance(s)).toBe('established'));
  it.each([
    // contemplated, not in use
    'The Department may consider an early intervention system in which three or more complaints within six months trigger a supervisory review.',
    'An early warning system with thresholds would help supervisors identify members who need support.',
  ])('not addressed, only contemplated: %s', (s) => expect(stance(s)).toBe('not_addressed'));
  it.each([
    // Rockford FAQ p5 (corpus): named, no indicators or thresholds
    'All officer uses of force are recorded and tracked with an early intervention system.',
    'The Department shall conduct an annual analysis of all response to resistance reports.',
  ])('not addressed: %s', (s) => expect(stance(s)).toBe('not_addressed'));
});
