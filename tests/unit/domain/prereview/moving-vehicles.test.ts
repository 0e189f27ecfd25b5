// moving-vehicles: prohibited (ban, or only a threat by other means), restricted (the vehicle may be the threat), not_addressed.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('moving-vehicles');

describe('moving-vehicles', () => {
  it.each([
    'Officers shall not discharge a firearm at or from a moving vehicle.',
    'Firing at a moving vehicle is prohibited unless a person in the vehicle is threatening the officer or another person with deadly force by means other than the vehicle itself.',
  ])('prohibited: %s', (s) => expect(stance(s)).toBe('prohibited'));

  it.each([
    // Hanover Park 205-P p6, Buffalo Grove p2 (corpus)
    'Officers shall not fire at moving vehicles except in self-defense or the defense of another. Discharging a firearm from a moving vehicle is prohibited.',
    'Decisions to discharge a firearm at or from a moving vehicle shall be governed by this policy and is prohibited if it presents an unreasonable risk to the officer or others.',
    // written
    'Shots fired at a moving vehicle are rarely effective and should be used only as a last resort.',
  ])('restricted: %s', (s) => expect(stance(s)).toBe('restricted'));

  it('a list lead-in that prohibits with an exception for the vehicle as a weapon is restricted (Arlington Heights p9)', () => {
    expect(stance('The following practices regarding the use of firearms are strictly prohibited.\na. Firing a warning shot(s).\nc. Firing at or from a moving vehicle unless:\ni. There exists an imminent threat of death or great bodily harm.')).toBe('restricted');
  });

  it.each([
    'Officers may deploy OC spray at a subject operating a vehicle only when necessary.',
    'Chargeable Department Vehicle Crashes are an indicator.',
  ])('not addressed: %s', (s) => expect(stance(s)).toBe('not_addressed'));
});
