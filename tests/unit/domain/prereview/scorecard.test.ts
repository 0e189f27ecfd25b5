// The 8 Can't Wait scorecard from the stances (PREREVIEW.md's table): every cell, the
// chokehold row's combinations, unread scans (never a yes) and an FAQ-only case.
import { describe, expect, it } from 'vitest';
import { aggregateCase } from '../../../../shared/domain/prereview/case.ts';
import { prereviewDocument } from '../../../../shared/domain/prereview/engine.ts';
import { scorecard, scorecardForCase, scorecardForDocument, SCORECARD_INDICATORS, type ScorecardInput, type ScorecardRow } from '../../../../shared/domain/prereview/scorecard.ts';
import { NO_TEXT, RULE_IDS, type RuleId } from '../../../../shared/domain/prereview/types.ts';

const NONE: Partial<Record<RuleId, string>> = { 'force-continuum': 'absent' };
const found = (stance: string, page = 3, documentId = 'GO-1'): ScorecardInput => ({ stance, sources: [{ documentId, title: documentId, page, endPage: page }], describedOnly: false, unread: [] });
const missing = (stance = 'not_addressed'): ScorecardInput => ({ stance, sources: [], describedOnly: false, unread: [] });
/** Every rule unaddressed, then the given stances (found on page 3 of GO-1 unless given whole). */
function card(over: Partial<Record<RuleId, string | ScorecardInput>> = {}): ScorecardRow[] {
  const rules = Object.fromEntries(RULE_IDS.map((id) => [id, missing(NONE[id] ?? 'not_addressed')])) as Record<RuleId, ScorecardInput>;
  for (const [id, v] of Object.entries(over) as Array<[RuleId, string | ScorecardInput]>) rules[id] = typeof v === 'string' ? found(v) : v;
  return scorecard(rules);
}
const row = (rows: ScorecardRow[], id: string) => rows.find((r) => r.indicator === id)!;

describe('8 Can’t Wait scorecard', () => {
  it('has the eight indicators, in Campaign Zero’s order', () => {
    expect(card().map((r) => r.label)).toEqual([
      'Requires de-escalation',
      'Bans chokeholds and strangleholds',
      'Duty to intervene',
      'Requires warning before shooting',
      'Bans shooting at moving vehicles',
      'Requires comprehensive reporting',
      'Requires exhausting all alternatives',
      'Has a use-of-force continuum',
    ]);
    expect(SCORECARD_INDICATORS).toHaveLength(8);
  });

  // indicator, rule, the stance for yes, for partial (null: the table has none), for no
  const cells: Array<[string, RuleId, string, string | null, string]> = [
    ['requires-de-escalation', 'de-escalation', 'required', 'encouraged', 'not_addressed'],
    ['duty-to-intervene', 'duty-to-intervene', 'required', 'report_only', 'not_addressed'],
    ['requires-warning-before-shooting', 'warning-before-deadly-force', 'required', 'encouraged', 'not_addressed'],
    ['bans-shooting-at-moving-vehicles', 'moving-vehicles', 'prohibited', 'restricted', 'not_addressed'],
    ['requires-comprehensive-reporting', 'comprehensive-reporting', 'all_force_incl_pointing', 'partial', 'not_addressed'],
    ['requires-exhausting-alternatives', 'exhaust-alternatives', 'required', 'encouraged', 'not_addressed'],
    ['has-use-of-force-continuum', 'force-continuum', 'present', null, 'absent'],
  ];
  for (const [indicator, rule, yes, partial, no] of cells) {
    it(`${indicator}: ${yes} → yes, ${partial ?? '(no partial)'} → partial, ${no} → no, with the deciding pages`, () => {
      const y = row(card({ [rule]: found(yes, 7) }), indicator);
      expect(y).toMatchObject({ answer: 'yes', basis: [{ ruleId: rule, stance: yes }], pages: [{ documentId: 'GO-1', title: 'GO-1', page: 7, ruleId: rule }], describedOnly: false, unread: [] });
      if (partial) expect(row(card({ [rule]: found(partial, 9) }), indicator)).toMatchObject({ answer: 'partial', basis: [{ ruleId: rule, stance: partial }], pages: [{ page: 9 }] });
      const n = row(card({ [rule]: missing(no) }), indicator);
      expect(n).toMatchObject({ answer: 'no', basis: [{ ruleId: rule, stance: no }], pages: [] });
    });
  }

  it('the continuum row has no partial: any stance but present is no', () => {
    expect(new Set(['absent', NO_TEXT].map((s) => row(card({ 'force-continuum': missing(s) }), 'has-use-of-force-continuum').answer))).toEqual(new Set(['no']));
  });

  describe('chokeholds and strangleholds (chokehold and vascular read apart)', () => {
    const neck = (c: string, v: string) => row(card({ chokehold: c === 'not_addressed' ? missing() : found(c, 4), vascular: v === 'not_addressed' ? missing() : found(v, 5) }), 'bans-chokeholds-and-strangleholds');
    const combos: Array<[string, string, 'yes' | 'partial' | 'no', number[]]> = [
      ['prohibited_outright', 'prohibited_outright', 'yes', [4, 5]],
      ['prohibited_outright', 'prohibited_except_deadly_force', 'yes', [4, 5]],
      ['prohibited_except_deadly_force', 'prohibited_outright', 'yes', [4, 5]],
      ['prohibited_except_deadly_force', 'prohibited_except_deadly_force', 'yes', [4, 5]],
      ['prohibited_outright', 'not_addressed', 'partial', [4]],
      ['not_addressed', 'prohibited_except_deadly_force', 'partial', [5]],
      ['permitted', 'prohibited_outright', 'no', [4]],
      ['prohibited_except_deadly_force', 'permitted', 'no', [5]],
      ['permitted', 'not_addressed', 'no', [4]],
      ['not_addressed', 'permitted', 'no', [5]],
      ['permitted', 'permitted', 'no', [4, 5]],
      ['not_addressed', 'not_addressed', 'no', []],
    ];
    for (const [c, v, answer, pages] of combos) {
      it(`chokehold ${c}, vascular ${v} → ${answer}`, () => {
        const r = neck(c, v);
        expect(r.answer).toBe(answer);
        expect(r.basis).toEqual([{ ruleId: 'chokehold', stance: c }, { ruleId: 'vascular', stance: v }]);
        // The pages are the deciding passages: a permission's when it answers no, the bans' otherwise.
        expect(r.pages.map((p) => p.page)).toEqual(pages);
      });
    }
  });

  describe('no text: needs OCR', () => {
    it('is never a yes: every row of a scan-only case answers no and names the unread document', () => {
      const scan = { documentId: 'S', title: 'Scanned GO 4.1', result: prereviewDocument(['', '']) };
      const rows = scorecardForCase(aggregateCase([scan]));
      expect(rows.map((r) => r.answer)).toEqual(Array(8).fill('no'));
      for (const r of rows) {
        expect(r.unread).toEqual(['Scanned GO 4.1']);
        expect(r.note).toMatch(/no text: needs OCR/);
        expect(r.basis.every((b) => b.stance === NO_TEXT)).toBe(true);
      }
      expect(scorecardForDocument(scan).map((r) => r.answer)).toEqual(Array(8).fill('no'));
    });

    it('an unread neck restraint counts as not addressed: a ban of the other is partial, never yes', () => {
      const r = row(card({ chokehold: found('prohibited_outright', 2), vascular: { ...missing(NO_TEXT), unread: ['Scan'] } }), 'bans-chokeholds-and-strangleholds');
      expect(r).toMatchObject({ answer: 'partial', unread: ['Scan'], pages: [{ page: 2, ruleId: 'chokehold' }] });
    });

    it('a readable directive still decides, and the scan beside it is named as a reason the answer may change', () => {
      const go = { documentId: 'GO', title: 'GO 1', result: prereviewDocument(['Officers shall use de-escalation techniques when safe and feasible.']) };
      const scan = { documentId: 'S', title: 'Scan', result: prereviewDocument(['']) };
      const r = row(scorecardForCase(aggregateCase([go, scan])), 'requires-de-escalation');
      // A firm requirement found stands whatever the scan says; a no might not.
      expect(r).toMatchObject({ answer: 'yes', unread: [], pages: [{ documentId: 'GO', page: 1 }] });
      expect(row(scorecardForCase(aggregateCase([go, scan])), 'duty-to-intervene')).toMatchObject({ answer: 'no', unread: ['Scan'] });
    });

    it('a document whose other pages are scans says so on a row it did not answer', () => {
      const d = { documentId: 'D', title: 'Mixed', result: prereviewDocument(['Officers shall wear the uniform.', '']) };
      expect(row(scorecardForDocument(d), 'requires-warning-before-shooting')).toMatchObject({ answer: 'no', unread: ['Mixed'] });
    });
  });

  describe('described, not directed (an FAQ)', () => {
    it('handwritten: a yes resting only on an FAQ counts as partial and says why; partial and no stay', () => {
      const faq = (stance: string) => ({ ...found(stance), describedOnly: true });
      expect(row(card({ 'duty-to-intervene': faq('required') }), 'duty-to-intervene')).toMatchObject({ answer: 'partial', describedOnly: true, pages: [{ page: 3 }] });
      expect(row(card({ 'duty-to-intervene': faq('required') }), 'duty-to-intervene').note).toMatch(/described, not directed/);
      expect(row(card({ 'duty-to-intervene': faq('report_only') }), 'duty-to-intervene')).toMatchObject({ answer: 'partial', describedOnly: true });
      expect(row(card({ chokehold: faq('permitted'), vascular: found('prohibited_outright') }), 'bans-chokeholds-and-strangleholds')).toMatchObject({ answer: 'no', describedOnly: false });
      expect(row(card({ chokehold: faq('prohibited_outright'), vascular: found('prohibited_outright', 5) }), 'bans-chokeholds-and-strangleholds')).toMatchObject({ answer: 'partial', describedOnly: true });
    });

    it('from the engine: an FAQ-only case is described, not directed; a directive beside it decides', () => {
      const faq = { documentId: 'FAQ', title: 'Use of Force FAQ', result: prereviewDocument(['Frequently Asked Questions\nQ. Does the Department require de-escalation?\nA. Officers shall use de-escalation techniques when safe and feasible.'], { fileName: 'FAQ.pdf' }) };
      expect(faq.result.isDirective).toBe(false);
      const only = row(scorecardForCase(aggregateCase([faq])), 'requires-de-escalation');
      expect(only).toMatchObject({ answer: 'partial', describedOnly: true, basis: [{ ruleId: 'de-escalation', stance: 'required' }], pages: [{ documentId: 'FAQ', page: 1 }] });
      expect(row(scorecardForDocument(faq), 'requires-de-escalation')).toMatchObject({ answer: 'partial', describedOnly: true });
      const go = { documentId: 'GO', title: 'GO 1', result: prereviewDocument(['Officers shall use de-escalation techniques when safe and feasible.']) };
      expect(row(scorecardForCase(aggregateCase([faq, go])), 'requires-de-escalation')).toMatchObject({ answer: 'yes', describedOnly: false, pages: [{ documentId: 'GO' }] });
    });
  });

  it('a page break inside a deciding passage gives both pages', () => {
    const r = row(card({ 'moving-vehicles': { stance: 'prohibited', sources: [{ documentId: 'G', title: 'G', page: 11, endPage: 12 }], describedOnly: false, unread: [] } }), 'bans-shooting-at-moving-vehicles');
    expect(r.pages.map((p) => p.page)).toEqual([11, 12]);
  });
});

describe('a case with a part-scanned document', () => {
  it('a ban found elsewhere may still be undone by a permission in the scan: it is named even on a yes', () => {
    const go = { documentId: 'GO', title: 'GO 1', result: prereviewDocument(['Officers shall not discharge a firearm at or from a moving vehicle.']) };
    const scan = { documentId: 'S', title: 'Scan', result: prereviewDocument(['']) };
    expect(row(scorecardForCase(aggregateCase([go, scan])), 'bans-shooting-at-moving-vehicles')).toMatchObject({ answer: 'yes', unread: ['Scan'] });
  });

  it('names it on the rows it did not answer, when the documents are given', () => {
    const go = { documentId: 'GO', title: 'GO 1', result: prereviewDocument(['Officers shall use de-escalation techniques when safe and feasible.']) };
    const mixed = { documentId: 'M', title: 'Mixed scan', result: prereviewDocument(['Cover memo.', '']) };
    const docs = [go, mixed];
    const rows = scorecardForCase(aggregateCase(docs), docs);
    expect(row(rows, 'duty-to-intervene')).toMatchObject({ answer: 'no', unread: ['Mixed scan'] });
    expect(row(rows, 'requires-de-escalation')).toMatchObject({ answer: 'yes', unread: [] });
  });
});
