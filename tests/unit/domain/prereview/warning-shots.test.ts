// warning-shots: prohibited, restricted (allowed under conditions), not_addressed.
import { describe, expect, it } from 'vitest';
import { stanceOf } from './read.ts';

const stance = stanceOf('warning-shots');

describe('warning-shots', () => {
  it.each([
    // Buffalo Grove p2, Rockford GO 1.06 p2, Harrisonburg p3 (corpus)
    'At no time will a “warning shot” be fired;',
    '5. Warning Shots : Under no circumstances are warning shots permissible.',
    'Warning shots are prohibited.',
    // written
    'Members shall not fire warning shots.',
  ])('prohibited: %s', (s) => expect(stance(s)).toBe('prohibited'));

  it('a list item under a banning lead-in (Hanover Park 205-P p6)', () => {
    expect(stance('Hanover Park Police Officers shall not use firearms in any of the following:\n1. Firing into crowds of people.\n2. Firing warning shots.')).toBe('prohibited');
  });

  it('reads a scanned page where OCR read "rn" as "m" (Springfield UOF-02, Hanover Park 205-P scans)', () => {
    expect(stance('Officers shall not fire waming shots.')).toBe('prohibited');
    expect(stance("e. ‘Warming shots are prohibited.")).toBe('prohibited');
    expect(stance('Hanover Park Police Officers shall not use firearms in any of the following:\n1. Firing into crowds of people.\n2. Firing waming shots.')).toBe('prohibited');
  });

  it.each([
    'Warning shots may be fired only when deadly force is justified and there is no risk to others.',
    'Warning shots are discouraged and may only be used with supervisor approval.',
  ])('restricted: %s', (s) => expect(stance(s)).toBe('restricted'));

  it('a definition alone is not a rule (Hanover Park 205-P p2)', () => {
    expect(stance('Warning Shot: The discharge of a firearm into the air or the ground in an attempt to warn the suspect that additional force may be imminent.')).toBe('not_addressed');
  });
});
