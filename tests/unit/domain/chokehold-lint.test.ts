// The lint on short policies written for each phrasing and distractor DOMAIN.md lists. These
// are not corpus sentences, so they check the rules generalise beyond the files they were
// developed on (the corpus is measured separately by `npm run eval:lint`).
import { describe, expect, it } from 'vitest';
import { lintDocument } from '../../../shared/domain/lint/classify.ts';

const lint = (...pages: string[]) => lintDocument(pages);
const stances = (...pages: string[]) => {
  const r = lint(...pages);
  return [r.chokehold.stance, r.vascular.stance];
};

describe('deadly-force exceptions, in the words policies use', () => {
  it.each([
    'Officers shall not use a chokehold unless deadly force is justified.',
    'A choke-hold is prohibited unless deadly force is authorized.',
    'Members will not use choke holds except where deadly force is justified.',
    'An officer shall not use a chokehold in the performance of his or her duties, unless a deadly response to resistance is justified.',
    'Chokeholds are not authorized except in deadly force encounters.',
    'Use of a stranglehold is limited to those circumstances where deadly force is authorized.',
    'A respiratory restraint is considered deadly force and shall be used only when deadly force is justified.',
  ])('%s', (sentence) => {
    expect(lint(`SECTION 4 PROHIBITED TECHNIQUES\n${sentence}`).chokehold.stance).toBe('prohibited_except_deadly_force');
  });

  it('reads a description with no keyword inside a firm rule', () => {
    expect(lint('A member shall not apply direct pressure to the throat, windpipe, or airway of a person unless deadly force is justified.').chokehold.stance).toBe('prohibited_except_deadly_force');
    expect(lint('Officers shall not use any technique restricting the intake of oxygen unless deadly force is justified.').chokehold.stance).toBe('prohibited_except_deadly_force');
    expect(lint('Officers are prohibited from using any technique that restricts blood flow to the head.').vascular.stance).toBe('prohibited_outright');
  });

  it('follows a list whose item falls on the next page, after a running header', () => {
    const header = 'Anytown Police Department\nPolicy Manual\nUse of Force';
    const r = lint(
      `${header}\nExcept where deadly force is justified, the following techniques will not be used:\n(a) Strikes to the throat\n(b) Gouges to the eyes\nPage 2 of 3`,
      `${header}\n(f) Choke holds\n(g) Kicks to the groin\nPage 3 of 3`,
      `${header}\nReporting\nAll force is reported.\nPage 4 of 4`,
    );
    expect(r.chokehold.stance).toBe('prohibited_except_deadly_force');
    expect(r.chokehold.evidence[0]).toMatchObject({ page: 2, quote: '(f) Choke holds' });
  });
});

describe('airway and blood flow are read separately', () => {
  it('a chokehold ban with carotid holds allowed on a weaker trigger', () => {
    expect(
      stances('Chokeholds are prohibited unless deadly force is authorized. The carotid restraint may be used in life threatening or high risk/assaultive situations.'),
    ).toEqual(['prohibited_except_deadly_force', 'permitted']);
  });

  it('an outright ban of both', () => {
    expect(stances('The Department prohibits the use of chokeholds, neck holds and the lateral vascular neck restraint (LVNR).')).toEqual(['prohibited_outright', 'prohibited_outright']);
  });

  it('a carotid chokehold is a vascular hold', () => {
    expect(stances('The carotid chokehold is prohibited unless deadly force is justified.')).toEqual(['not_addressed', 'prohibited_except_deadly_force']);
  });

  it.each([
    'Officers should avoid vascular neck restraints whenever practical.',
    'The carotid control hold may be used in specific situations.',
    'LVNR may be applied when necessary to protect the officer.',
  ])('weak trigger → permitted: %s', (s) => {
    expect(lint(s).vascular.stance).toBe('permitted');
  });
});

describe('text that mentions the words but sets no rule', () => {
  it.each([
    ['a definition alone', 'Chokehold: Applying any direct pressure to the throat, windpipe, or airway of another with the intent to reduce or prevent the intake of air.'],
    ['training history', 'Chokeholds are not taught by the Department or PPCT.'],
    ['a suspect’s strangulation', 'Strangle means intentionally impeding the normal breathing or circulation of the blood of an individual by applying pressure on the throat or neck.'],
    ['a canine choke collar', 'Canine equipment: 9. Choke collar; 10. Leash.'],
    ['a body area not to target', 'Officers shall not intentionally strike the head or neck with a baton.'],
    ['a uniform neckline', 'Officers may wear a black crew-neck or turtleneck under the uniform shirt.'],
    ['a medical-aid clause', 'Officers shall summon medical aid for a subject who shows impaired respiration.'],
    ['a discouragement with a description only', 'When seizing evidence, officers should not intentionally use any technique that restricts blood flow to the head or restricts respiration.'],
  ])('%s', (_name, text) => {
    expect(stances(text)).toEqual(['not_addressed', 'not_addressed']);
  });

  it('keeps the mention, with why it did not count', () => {
    const r = lint('Canine equipment: 9. Choke collar.');
    expect(r.passages).toEqual([]);
    const d = lint('Chokeholds are not taught by the Department.');
    expect(d.passages[0]).toMatchObject({ category: 'chokehold', stance: null, reason: 'training history, not a rule' });
  });
});

describe('document-level stance when passages disagree', () => {
  it('a narrower outright ban does not remove the deadly-force exception', () => {
    const r = lint('Officers shall not use a chokehold unless deadly force is justified. Officers shall not use a chokehold to prevent the destruction of evidence by ingestion.');
    expect(r.chokehold.stance).toBe('prohibited_except_deadly_force');
    expect(r.chokehold.evidence).toHaveLength(1);
  });

  it('a permission anywhere makes the restraint permitted', () => {
    expect(lint('Chokeholds are prohibited. Officers may use a chokehold when necessary to protect the officer.').chokehold.stance).toBe('permitted');
  });

  it('a sentence pointing back at the holds carries their rule', () => {
    expect(stances('Blocking the carotid arteries or grabbing of the throat are unauthorized techniques. These techniques are considered deadly force and shall be used only when deadly force is justified.')).toEqual([
      'prohibited_except_deadly_force',
      'prohibited_except_deadly_force',
    ]);
  });
});

describe('document type', () => {
  it('flags a public FAQ as not a directive, and reads it all the same', () => {
    const r = lint('Frequently Asked Questions\nQ. Does the Department allow chokeholds?\nA. The Department prohibits the use of chokeholds.\nQ. What about tasers?\nA. Yes.\nQ. More?\nA. No.');
    expect(r.isDirective).toBe(false);
    expect(r.chokehold.stance).toBe('prohibited_outright');
  });

  it('a general order is a directive', () => {
    expect(lint('GENERAL ORDER 300\nOfficers shall not use chokeholds.').isDirective).toBe(true);
  });
});

describe('generic neck holds', () => {
  it('govern both kinds, but a vascular neck restraint is only vascular', () => {
    expect(stances('Neck holds are prohibited.')).toEqual(['prohibited_outright', 'prohibited_outright']);
    expect(stances('Vascular neck restraints are prohibited.')).toEqual(['not_addressed', 'prohibited_outright']);
  });
});
