// medical-aid: required (shall render aid or summon help after force or injury), encouraged, not_addressed.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('medical-aid');

describe('medical-aid', () => {
  it.each([
    // Arlington Heights p11 (corpus)
    'The arresting officer is responsible for ensuring medical aid is provided for any person who has sustained visible injury, expressed a complaint of pain, or who has been rendered unconscious as a result of the response to resistance.',
    // written
    'After any use of force, officers shall render first aid within their training and summon EMS for any person who is injured or complains of injury.',
  ])('required: %s', (s) => expect(stance(s)).toBe('required'));

  it.each([
    // Buffalo Grove p3 (corpus)
    'Appropriate medical aid should include increased observation to detect obvious changes in condition, flushing chemical agents from the eye, applying first aid, as needed.',
    // canine bites only (Hanover Park 230-P p8, one situation)
    'Medical attention will be provided whenever a police dog bites a person.',
    'Officers should request medical assistance for a subject who was injured during an arrest.',
  ])('encouraged: %s', (s) => expect(stance(s)).toBe('encouraged'));

  it.each([
    // Bloomington 101 p6 (corpus): aid to a victim of crime
    'Advising the victim to seek medical attention if appropriate and arrange transportation to a medical facility if necessary.',
    'Psychological Fitness for Duty Evaluation and Physical Examination may be ordered.',
  ])('not addressed: %s', (s) => expect(stance(s)).toBe('not_addressed'));
});
