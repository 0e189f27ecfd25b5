// Suggested determinations from handwritten case findings: every stance of every rule, the
// document that decides cited by page, scans ("no text: needs OCR"), an FAQ (described, not
// directed), conflicts named, and how an accepted passage bears on its item.
import { describe, expect, it } from 'vitest';
import type { CaseRuleFinding } from '../../../../shared/domain/prereview/case.ts';
import { RULES } from '../../../../shared/domain/prereview/rules/index.ts';
import { citeEvidence, passageStance, suggestDetermination } from '../../../../shared/domain/prereview/suggest.ts';
import { NO_TEXT, RULE_IDS, type RuleId } from '../../../../shared/domain/prereview/types.ts';

const GO = { documentId: 'doc-go', title: '205-P Use of Force' };
const decided = (stance: string, evidence = [{ page: 4, endPage: 4, quote: 'The words of the rule.', reason: 'a rule' }]): CaseRuleFinding => ({
  stance,
  decidedBy: { ...GO, evidence },
  describedOnly: false,
  conflicts: [],
  unread: [],
});
const none = (stance: string, unread: string[] = []): CaseRuleFinding => ({ stance, decidedBy: null, describedOnly: false, conflicts: [], unread });

// What each stance should suggest, written from PREREVIEW.md and DOMAIN.md.
const EXPECTED: Record<RuleId, Record<string, string>> = {
  chokehold: { prohibited_outright: 'met', prohibited_except_deadly_force: 'met', permitted: 'not_met', not_addressed: 'not_met' },
  vascular: { prohibited_outright: 'met', prohibited_except_deadly_force: 'met', permitted: 'not_met', not_addressed: 'not_met' },
  'de-escalation': { required: 'met', encouraged: 'partially_met', not_addressed: 'not_met' },
  'duty-to-intervene': { required: 'met', report_only: 'partially_met', not_addressed: 'not_met' },
  'warning-before-deadly-force': { required: 'met', encouraged: 'partially_met', not_addressed: 'not_met' },
  'moving-vehicles': { prohibited: 'met', restricted: 'partially_met', not_addressed: 'not_met' },
  'warning-shots': { prohibited: 'met', restricted: 'partially_met', not_addressed: 'not_met' },
  'medical-aid': { required: 'met', encouraged: 'partially_met', not_addressed: 'not_met' },
  'force-ends-under-control': { required: 'met', encouraged: 'partially_met', not_addressed: 'not_met' },
  'exhaust-alternatives': { required: 'met', encouraged: 'partially_met', not_addressed: 'not_met' },
  'comprehensive-reporting': { all_force_incl_pointing: 'met', partial: 'partially_met', not_addressed: 'not_met' },
  'force-continuum': { present: 'met', absent: 'not_met' },
  'no-knock-warrants': { prohibited: 'met', restricted: 'partially_met', not_addressed: 'not_met' },
  'early-intervention': { established: 'met', not_addressed: 'not_met' },
};

describe('suggested determinations, every stance of every rule', () => {
  it('covers exactly the stances each rule can give', () => {
    for (const id of RULE_IDS) expect(Object.keys(EXPECTED[id]).sort(), id).toEqual([...RULES[id].order, RULES[id].none].sort());
  });

  for (const id of RULE_IDS) {
    for (const stance of RULES[id].order) {
      it(`${id}: ${stance} in a directive → ${EXPECTED[id][stance]}, citing its pages`, () => {
        const s = suggestDetermination(id, decided(stance, [{ page: 4, endPage: 5, quote: 'A rule across a page break.', reason: 'a rule' }, { page: 2, endPage: 2, quote: 'Another.', reason: 'a rule' }]), { documents: 2 });
        expect(s.status).toBe(EXPECTED[id][stance]);
        expect(s.rationale).toContain('205-P Use of Force, p. 2; 205-P Use of Force, pp. 4–5');
        expect(s.evidence).toEqual([
          { documentId: 'doc-go', page: 4, endPage: 5, quote: 'A rule across a page break.' },
          { documentId: 'doc-go', page: 2, endPage: 2, quote: 'Another.' },
        ]);
        expect(s.noRuleFound).toBe(false);
        expect(s.evidenceStance).toBe(s.status === 'not_met' ? 'contradicts' : 'supports');
      });
    }
    it(`${id}: ${RULES[id].none} in every document → ${EXPECTED[id][RULES[id].none]}, no rule found`, () => {
      const s = suggestDetermination(id, none(RULES[id].none), { documents: 3 });
      expect(s.status).toBe(EXPECTED[id][RULES[id].none]);
      expect(s.noRuleFound).toBe(true);
      expect(s.evidence).toEqual([]);
      expect(s.rationale).toMatch(/^The case's policies \(3 documents\) (set|set out|establish) no /);
    });
    it(`${id}: no text anywhere → needs information (OCR)`, () => {
      const s = suggestDetermination(id, none(NO_TEXT, ['Scanned General Order']), { documents: 1 });
      expect(s).toMatchObject({ status: 'needs_information', noRuleFound: false, evidenceStance: 'context' });
      expect(s.rationale).toContain('scanned pages without text');
      expect(s.rationale).toContain('Scanned General Order');
    });
  }
});

describe('what the rationale says', () => {
  it('the chokehold rule words the order: an exception for deadly force meets it, a weaker trigger does not', () => {
    expect(suggestDetermination('chokehold', decided('prohibited_except_deadly_force'), { documents: 1 }).rationale).toBe(
      'The policies prohibit chokeholds except where deadly force is allowed, as the order requires: 205-P Use of Force, p. 4.',
    );
    expect(suggestDetermination('chokehold', decided('permitted'), { documents: 1 }).rationale).toContain('permit chokeholds in situations short of deadly force');
  });

  it('a rule not found in the text while some documents are scans needs information, never "not addressed"', () => {
    const s = suggestDetermination('de-escalation', none('not_addressed', ['Scanned Order 12']), { documents: 2 });
    expect(s).toMatchObject({ status: 'needs_information', noRuleFound: false });
    expect(s.rationale).toContain('1 document could not be read (scanned, no text: Scanned Order 12)');
  });

  it('a rule not found in a document whose other pages are scans needs information, naming the pages', () => {
    const s = suggestDetermination('early-intervention', none('not_addressed'), { documents: 1, unreadPages: [{ title: 'La Grange Policy Manual', pages: [5, 716, 719, 721, 723, 725, 727] }] });
    expect(s).toMatchObject({ status: 'needs_information', noRuleFound: false });
    expect(s.rationale).toContain('some pages have no text (scanned, not read by OCR): La Grange Policy Manual (7 pages: 5, 716, 719, 721, 723, 725, …)');
  });

  it('a stance described only by an FAQ needs information: described, not directed', () => {
    const s = suggestDetermination('moving-vehicles', { ...decided('prohibited'), describedOnly: true, decidedBy: { documentId: 'faq', title: 'Use of Force FAQ', evidence: [{ page: 3, endPage: 3, quote: 'Officers may not shoot at moving vehicles.', reason: 'a rule' }] } }, { documents: 1 });
    expect(s).toMatchObject({ status: 'needs_information', evidenceStance: 'context' });
    expect(s.rationale).toContain('described, not directed');
    expect(s.rationale).toContain('Use of Force FAQ, p. 3');
    expect(s.rationale).toContain('Ask the agency for the directive itself');
  });

  it('names the conflict between documents, and says the most permissive rule governs a prohibition', () => {
    const f = { ...decided('permitted'), conflicts: [{ documentId: 'dt', title: '410 Defensive Tactics', stance: 'prohibited_outright' }] };
    const s = suggestDetermination('chokehold', f, { documents: 2 });
    expect(s.status).toBe('not_met');
    expect(s.rationale).toContain('Conflict between documents: 205-P Use of Force reads as permitted, while 410 Defensive Tactics reads as prohibited outright. The most permissive rule governs what an officer may do.');
  });

  it('says a scanned document could change a stance read elsewhere', () => {
    const s = suggestDetermination('chokehold', { ...decided('prohibited_outright'), unread: ['Scan 7'] }, { documents: 2 });
    expect(s.status).toBe('met');
    expect(s.rationale).toContain('1 document could not be read (scanned, no text: Scan 7); a more permissive rule there would change this.');
  });

  it('describes the item’s other rules after the first (vascular restraints beside chokeholds)', () => {
    const s = suggestDetermination('chokehold', decided('prohibited_except_deadly_force'), { documents: 1, also: [{ ruleId: 'vascular', finding: decided('permitted', [{ page: 9, endPage: 9, quote: 'Carotid holds may be used.', reason: 'a permission' }]) }] });
    expect(s.status).toBe('met');
    expect(s.rationale).toContain('Vascular neck restraints (not chokeholds under the order’s airway definition): the policies permit vascular (carotid) neck restraints short of deadly force: 205-P Use of Force, p. 9.');
  });

  it('says when documents are still being read, or could not be', () => {
    const s = suggestDetermination('medical-aid', decided('required'), { documents: 3, pending: 2, failed: ['Broken Manual'] });
    expect(s.rationale).toContain('2 documents of the case are still being read; this suggestion may change.');
    expect(s.rationale).toContain('The pre-review could not read Broken Manual');
  });
});

describe('citations and accepted passages', () => {
  it('cites each passage once, in page order, in the packet’s wording', () => {
    expect(citeEvidence('GO 1.06 Use of Force', [{ page: 7, endPage: 8 }, { page: 3, endPage: 3 }, { page: 3, endPage: 3 }])).toBe('GO 1.06 Use of Force, p. 3; GO 1.06 Use of Force, pp. 7–8');
  });

  it('a permission contradicts the chokehold item, a prohibition supports it, vascular findings are context', () => {
    expect(passageStance('chokehold', 'permitted')).toBe('contradicts');
    expect(passageStance('chokehold', 'prohibited_outright')).toBe('supports');
    expect(passageStance('vascular', 'prohibited_outright')).toBe('context');
    expect(passageStance('duty-to-intervene', 'report_only')).toBe('supports');
  });
});
