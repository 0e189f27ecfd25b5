// exhaust-alternatives: required (deadly force only after other means are exhausted), encouraged, not_addressed.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('exhaust-alternatives');

describe('exhaust-alternatives', () => {
  it.each([
    'Officers shall use deadly force only after all other reasonable means have been exhausted.',
    'Deadly force is a last resort and shall be used only when no other reasonable alternative is available.',
  ])('required: %s', (s) => expect(stance(s)).toBe('required'));

  it.each([
    // Harrisonburg 300.5.1 (corpus), read with its lead-in and the sentence it leans on
    'In addition, when determining whether to apply force and evaluating whether an officer has used reasonable force, a number of factors should be taken into consideration, as time and circumstances permit. These factors include, but are not limited to:\n(e) Training and experience of the officer.\n(f) The availability of other options and their possible effectiveness.',
    // Hanover Park 205-P p3 (corpus): exhaustion named for improvised weapons only
    'In a life-threatening situation, the use of any force, impromptu weapon, or a weapon of necessity is justified as lethal when reasonable alternatives have been exhausted, are unavailable, or are impractical.',
  ])('encouraged: %s', (s) => expect(stance(s)).toBe('encouraged'));

  it.each([
    // Rockford GO 1.06 (corpus), Rockford FAQ p4 (corpus)
    'Personnel are not required to use the least assertive option.',
    'No, the law does not require police officers to exhaust all other means before using deadly force.',
    'An animal may be destroyed when every alternative has been exhausted.',
    'The notification shall occur within 30 days of a final decision and exhaustion of any appeal.',
  ])('not addressed: %s', (s) => expect(stance(s)).toBe('not_addressed'));
});
