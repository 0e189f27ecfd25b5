// The engine's reading of a document as a whole: running headers kept out, sentences across
// page breaks, lists with their lead-ins, mentions that set no rule, FAQs, scans, the result
// shape (every rule, a rule version), and quotes a reviewer can find on their page.
import { describe, expect, it } from 'vitest';
import { prereviewDocument } from '../../../../shared/domain/prereview/engine.ts';
import { RULES_VERSION } from '../../../../shared/domain/prereview/rules/index.ts';
import { NO_TEXT, RULE_IDS } from '../../../../shared/domain/prereview/types.ts';
import { locateQuote } from '../../../../shared/domain/anchoring.ts';

const header = 'Anytown Police Department\nUse of Force - 51\nPublished with permission by Anytown Police Department';

describe('reading a document like a reviewer', () => {
  it('gives every rule of PREREVIEW.md a stance, with the rule version', () => {
    const r = prereviewDocument(['Officers shall use reasonable force.']);
    expect(Object.keys(r.rules).sort()).toEqual([...RULE_IDS].sort());
    expect(r.rulesVersion).toBe(RULES_VERSION);
    expect(r.rules['force-continuum'].stance).toBe('absent');
    expect(r.rules['medical-aid'].stance).toBe('not_addressed');
  });

  it('keeps running headers out of quotes and joins a sentence split by a page break, on both pages', () => {
    const pages = [
      `${header}\n300.2.1 DUTY TO INTERCEDE\nAny officer present and observing another officer using force that is clearly beyond that which is\n1`,
      `${header}\nobjectively reasonable shall, when in a position to do so, intercede to prevent the use of unreasonable force.\n2`,
      `${header}\nReporting follows.\n3`,
    ];
    const r = prereviewDocument(pages);
    const [e] = r.rules['duty-to-intervene'].evidence;
    expect(r.rules['duty-to-intervene'].stance).toBe('required');
    expect(e).toMatchObject({ page: 1, endPage: 2 });
    expect(e!.quote).not.toMatch(/Published with permission|Use of Force - 51/);
    expect(locateQuote(pages, e!.page - 1, e!.quote.replace(/^300\.2\.1 DUTY TO INTERCEDE /, ''))).not.toBeNull();
  });

  it('reads a list item with its lead-in on the page before', () => {
    const r = prereviewDocument([`${header}\nOfficers shall not use firearms in any of the following:\n(a) Firing into crowds.`, `${header}\n(b) Firing warning shots.`, `${header}\nEnd.`]);
    expect(r.rules['warning-shots']).toMatchObject({ stance: 'prohibited', evidence: [{ page: 2, quote: '(b) Firing warning shots.' }] });
  });

  it('reads a list whose first marker OCR misread ("(@)" for "(a)") as a list, each item with its lead-in', () => {
    const page = 'When determining whether to apply force, a number of factors should be taken into consideration.\nThese factors include, but are not limited to:\n(@) Immediacy and severity of the threat to officers or others.\n(b) The conduct of the individual.\n(h) The availability of other options and their possible effectiveness.';
    const digital = prereviewDocument([page.replace('(@)', '(a)')]).rules['exhaust-alternatives'];
    const scanned = prereviewDocument([page]).rules['exhaust-alternatives'];
    expect(digital.stance).toBe('encouraged');
    expect(scanned.stance).toBe(digital.stance);
    expect(scanned.evidence.map((e) => e.quote)).toEqual(digital.evidence.map((e) => e.quote));
  });

  it('reads a list item whose marker OCR read without its period as the next item of its list', () => {
    const page = 'Officers shall not use firearms in any of the following:\n1. Firing into crowds of people.\n2 Firing warning shots.\n3. Firing from a moving vehicle.';
    const scanned = prereviewDocument([page]).rules['warning-shots'];
    expect(scanned.stance).toBe('prohibited');
    expect(scanned.evidence[0]!.quote).toBe('2 Firing warning shots.');
    // The list's first marker lost its period too: "1" right after the lead-in starts the list.
    const both = prereviewDocument([page.replace('1. Firing', '1 Firing')]).rules['warning-shots'];
    expect(both.stance).toBe('prohibited');
    // A heading "E. Medical Aid" read as "E Medical Aid" after "D." starts its own item: it does
    // not run on from the sentence before into one that says "shall".
    const letters = 'D. Duty to Intervene\nAn officer who intervenes shall report it to a supervisor\nE Medical Aid\nAppropriate medical aid should include first aid, as needed.';
    expect(prereviewDocument([letters]).rules['medical-aid'].stance).toBe(prereviewDocument([letters.replace('E Medical', 'E. Medical')]).rules['medical-aid'].stance);
  });

  it('does not take a sentence that starts with a number or a one-letter word for a list item out of sequence', () => {
    const page = 'Officers shall not use firearms in any of the following:\n1. Firing into crowds of people.\n5 Officers were trained in warning shots at the range.';
    expect(prereviewDocument([page]).rules['warning-shots'].stance).toBe('not_addressed');
    // Not after a lead-in either: "1" after a sentence that ends with a period starts nothing.
    const after = 'Officers shall not use firearms in crowds.\n1 Officers were trained in warning shots at the range.';
    expect(prereviewDocument([after]).rules['warning-shots'].stance).toBe('not_addressed');
  });

  it.each([
    ['a definition', 'Duty to Intervene: the obligation of an officer to intervene when another officer uses excessive force.', 'duty-to-intervene'],
    ['a purpose statement', 'PURPOSE: The purpose of this policy is to guide officers when a duty to intervene arises.', 'duty-to-intervene'],
    ['training history', 'Officers are trained in warning shots at the range.', 'warning-shots'],
  ] as const)('%s is a mention, not a rule', (_kind, text, id) => {
    const f = prereviewDocument([text]).rules[id];
    expect(f.stance).toBe('not_addressed');
    expect(f.mentions.length).toBeGreaterThan(0);
  });

  it('marks a public FAQ as directing nobody, and still reads the practice it describes', () => {
    const r = prereviewDocument(['Frequently Asked Questions\nQ: Does the department allow chokeholds?\nA: The Department prohibits the use of chokeholds.\nQ: Other?\nQ: More?'], { fileName: 'City_FAQ.pdf' });
    expect(r.isDirective).toBe(false);
    expect(r.rules.chokehold.stance).toBe('prohibited_outright');
  });

  it('reports a scan as needing OCR, never as not addressed', () => {
    const r = prereviewDocument(['', '  ']);
    expect(r.pagesWithoutText).toEqual([1, 2]);
    for (const id of RULE_IDS) expect(r.rules[id].stance).toBe(NO_TEXT);
  });

  it('names the pages without text when a rule is not found in the rest', () => {
    const r = prereviewDocument(['Officers shall use reasonable force.', '']);
    expect(r.rules['warning-shots']).toMatchObject({ stance: 'not_addressed', unreadPages: [2] });
  });
});
