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
    // Rockford FAQ p5 (corpus): named, no indicators or thresholds
    'All officer uses of force are recorded and tracked with an early intervention system.',
    'The Department shall conduct an annual analysis of all response to resistance reports.',
  ])('not addressed: %s', (s) => expect(stance(s)).toBe('not_addressed'));
});
