// The case's stance per rule across its documents (pure): the most permissive operative rule
// for prohibitions, the strongest for requirements, which document decides, and conflicts.
import { describe, expect, it } from 'vitest';
import { aggregateCase } from '../../../../shared/domain/prereview/case.ts';
import { prereviewDocument } from '../../../../shared/domain/prereview/engine.ts';
import { NO_TEXT } from '../../../../shared/domain/prereview/types.ts';

const doc = (documentId: string, text: string, fileName = `${documentId}.pdf`) => ({ documentId, title: documentId, result: prereviewDocument([text], { fileName }) });

describe('case aggregation', () => {
  it('the most permissive operative prohibition governs, and the conflict is flagged', () => {
    const c = aggregateCase([doc('GO-1', 'Chokeholds are prohibited.'), doc('GO-2', 'A chokehold may be used only when the subject is violent.')]);
    expect(c.chokehold).toMatchObject({ stance: 'permitted', decidedBy: { documentId: 'GO-2' }, conflicts: [{ documentId: 'GO-1', stance: 'prohibited_outright' }] });
  });

  it('the strongest general requirement counts, with no conflict for a weaker one', () => {
    const c = aggregateCase([doc('A', 'Officers should use de-escalation techniques.'), doc('B', 'Officers shall use de-escalation techniques when safe and feasible.')]);
    expect(c['de-escalation']).toMatchObject({ stance: 'required', decidedBy: { documentId: 'B' }, conflicts: [] });
  });

  it('a directive decides before an FAQ; an FAQ alone is described, not directed', () => {
    const faq = doc('FAQ', 'Frequently Asked Questions\nThe Department prohibits warning shots.', 'FAQ.pdf');
    expect(aggregateCase([faq])['warning-shots']).toMatchObject({ stance: 'prohibited', describedOnly: true });
    const both = aggregateCase([faq, doc('GO', 'Warning shots may be fired only when deadly force is justified.')]);
    expect(both['warning-shots']).toMatchObject({ stance: 'restricted', decidedBy: { documentId: 'GO' }, describedOnly: false });
  });

  it('nothing addressed: the rule’s none stance; only scans: needs OCR', () => {
    expect(aggregateCase([doc('A', 'Officers shall wear uniforms.')])['no-knock-warrants']).toMatchObject({ stance: 'not_addressed', decidedBy: null });
    const scan = { documentId: 'S', title: 'S', result: prereviewDocument(['']) };
    expect(aggregateCase([scan])['medical-aid']).toMatchObject({ stance: NO_TEXT, unread: ['S'] });
  });
});
