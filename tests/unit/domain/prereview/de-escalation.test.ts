// de-escalation: required (a general duty), encouraged (should, situation-limited, defined or trained), not_addressed.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('de-escalation');

describe('de-escalation', () => {
  it.each([
    // Hanover Park 205-P p7 (corpus)
    'Employees will use de-escalation techniques to prevent or reduce the need for force when it is safe and feasible to do so based on the totality of the circumstances.',
    // written from the spec
    'Officers shall use de-escalation tactics, including time, distance and communication, whenever it is safe and feasible.',
    'Members must attempt to de-escalate a situation before using force when it is safe to do so.',
  ])('required: %s', (s) => expect(stance(s)).toBe('required'));

  it('a policy statement list read with its lead-in is required (Springfield UOF-01 p1)', () => {
    expect(stance('It is the policy of this Department to:\nD. Have the affirmative duty to intervene.\nE. Use de-escalation techniques to prevent or reduce the need for force when it is safe and feasible to do so.')).toBe('required');
  });

  it.each([
    // Arlington Heights p5 (corpus)
    'Officers are strongly encouraged, when appropriate and tactically sound, to utilize de-escalation techniques as a manner to gain voluntary compliance.',
    // written: should; one kind of call only; a definition only
    'Officers should use de-escalation techniques when circumstances reasonably permit.',
    'In mental health crisis calls, officers shall use de-escalation techniques.',
    'De-escalation: Taking action to stabilize a situation and reduce the immediacy of a threat.',
  ])('encouraged: %s', (s) => expect(stance(s)).toBe('encouraged'));

  it('a description in PREREVIEW’s words, without the word de-escalation, read with the sentence it leans on (Buffalo Grove p2)', () => {
    expect(
      stance(
        'Officers should continually assess when possible every situation in order to increase an officer’s ability to bring the situation to a peaceful result. This may be accomplished by using time, distance, information, isolation, teamwork, or other techniques.',
      ),
    ).toBe('encouraged');
    expect(stance('Officers shall use time and distance to reduce the need for force when it is safe and feasible.')).toBe('required');
  });

  it('not addressed when the words are absent (a domestic-violence order)', () => {
    expect(stance('Officers shall separate the parties and ensure the safety of persons present.')).toBe('not_addressed');
  });
});
