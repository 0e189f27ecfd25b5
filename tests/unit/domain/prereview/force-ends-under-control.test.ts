// force-ends-under-control: required (force shall stop or come down once control is gained), encouraged, not_addressed.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('force-ends-under-control');

describe('force-ends-under-control', () => {
  it.each([
    'Officers shall cease the use of force once the subject is under control.',
    'The level of force shall be reduced when resistance ceases.',
  ])('required: %s', (s) => expect(stance(s)).toBe('required'));

  it('"This includes …" takes the duty of the sentence before it (Hanover Park 205-P p7)', () => {
    expect(
      stance(
        'Employees will use de-escalation techniques to prevent or reduce the need for force when it is safe and feasible to do so. This includes continually assessing the situation and modifying the use of force as circumstances change, including stopping the use of force when it is no longer necessary.',
      ),
    ).toBe('required');
  });

  it.each([
    'Officers should reduce the level of force once the person is no longer resisting.',
    // one situation only (Harrisonburg 300.5.2, pain compliance)
    'Pain compliance techniques shall be discontinued once the officer determines that compliance has been achieved.',
  ])('encouraged: %s', (s) => expect(stance(s)).toBe('encouraged'));

  it.each([
    'The handler shall keep the dog under control at all times.',
    'Officers may use only that amount of force that reasonably appears necessary.',
  ])('not addressed: %s', (s) => expect(stance(s)).toBe('not_addressed'));
});
