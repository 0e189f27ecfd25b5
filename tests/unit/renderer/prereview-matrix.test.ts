// The Pre-review matrix's view model: what each cell says in words, the notes beside it, which
// passages a cell opens, and how the keyboard moves through the grid.
import { describe, expect, it } from 'vitest';
import { cellOf, columnsOf, moveFocus, pagesLabel, passagesOf, rowsOf, suggestionFor, type Prereview } from '../../../renderer/src/features/prereview/model.ts';
import { PREREVIEW_STANCE, prereviewStance } from '../../../renderer/src/features/checklist/stance.ts';
import { RULE_IDS } from '../../../shared/domain/prereview/types.ts';

const passage = (page: number, quote: string) => ({ page, endPage: page, quote, reason: 'a firm ban', decision: null, decisionReason: '', annotationId: null, ocr: false, scannerText: false });
const none = { stance: 'not_addressed', decidedBy: null, describedOnly: false, conflicts: [], unread: [] };

function sample(): Prereview {
  const byRule = {} as Prereview['case'];
  for (const id of RULE_IDS) byRule[id] = { ...none };
  return {
    rulesVersion: 'test-1',
    progress: { done: 2, total: 3 },
    items: [
      { itemId: 'mandatory.chokehold', title: 'Chokeholds prohibited', ruleId: 'chokehold' },
      { itemId: 'mandatory.chokehold', title: 'Chokeholds prohibited', ruleId: 'vascular' },
      { itemId: 'topic.de-escalation', title: 'De-escalation', ruleId: 'de-escalation' },
    ],
    documents: [
      {
        documentId: 'order', title: 'GO 300 Use of Force', isDirective: true, pending: false, pagesWithoutText: [4, 5], ocrFailedPages: [], ocrStoppedPages: [], ocrEmptyPages: [],
        rules: {
          chokehold: { stance: 'prohibited_outright', evidence: [passage(2, 'Chokeholds are prohibited.')], mentions: [{ page: 1, quote: 'Chokehold: pressure to the throat.', why: 'a definition' }], unreadPages: [] },
          vascular: { stance: 'not_addressed', evidence: [], mentions: [], unreadPages: [] },
          'de-escalation': { stance: 'not_addressed', evidence: [], mentions: [], unreadPages: [4, 5] },
        },
      },
      {
        documentId: 'faq', title: 'Use of force FAQ', isDirective: false, pending: false, pagesWithoutText: [1], ocrFailedPages: [], ocrStoppedPages: [], ocrEmptyPages: [],
        rules: { chokehold: { stance: 'permitted', evidence: [passage(1, 'Officers may use a chokehold.')], mentions: [], unreadPages: [] }, vascular: { stance: 'no_text_needs_ocr', evidence: [], mentions: [], unreadPages: [1] } },
      },
      { documentId: 'manual', title: 'Manual', isDirective: true, pending: true, pagesWithoutText: [], ocrFailedPages: [], ocrStoppedPages: [], ocrEmptyPages: [], rules: {} },
    ],
    case: byRule,
    suggestions: [{ itemId: 'mandatory.chokehold', ruleId: 'chokehold', status: 'met', rationale: 'Banned outright (GO 300 Use of Force, p. 2).', evidence: [{ documentId: 'order', page: 2, quote: 'Chokeholds are prohibited.' }], adopted: false }],
  };
}

describe('the pre-review matrix', () => {
  it('has a row per item and rule, and the case column before the documents', () => {
    const p = sample();
    expect(rowsOf(p).map((r) => r.label)).toEqual(['Chokeholds (airway)', 'Vascular neck restraints', 'De-escalation']);
    expect(columnsOf(p).map((c) => c.title)).toEqual(['Case', 'GO 300 Use of Force', 'Use of force FAQ', 'Manual']);
  });

  it('says each stance in words, with a tone that never stands alone', () => {
    const p = sample();
    const [choke, vascular, deesc] = rowsOf(p);
    const [, order, faq, manual] = columnsOf(p);
    expect(cellOf(p, choke!, order!)).toMatchObject({ label: 'Banned outright', tone: 'firm', notes: [], passageCount: 1 });
    // An FAQ's stance is described, not directed.
    expect(cellOf(p, choke!, faq!)).toMatchObject({ label: 'Permitted', tone: 'against', notes: ['described, not directed'] });
    // A scan is "no text — needs OCR", never "not addressed".
    expect(cellOf(p, vascular!, faq!)).toMatchObject({ label: 'No text — needs OCR', tone: 'unread', notes: ['1 page waiting for OCR'] });
    expect(cellOf(p, vascular!, order!)).toMatchObject({ label: 'Not addressed', tone: 'none' });
    // Not found in the text of a partly scanned document: the pages without text may hold it.
    expect(cellOf(p, deesc!, order!)).toMatchObject({ label: 'Not in the text read', tone: 'unread', notes: ['2 pages waiting for OCR'] });
    expect(cellOf(p, choke!, manual!)).toMatchObject({ label: 'Reading…', tone: 'pending' });
    for (const stance of Object.keys(PREREVIEW_STANCE)) expect(prereviewStance(stance).label).not.toMatch(/_/);
    expect(prereviewStance('some_new_stance')).toEqual({ label: 'some new stance', tone: 'soft' });
  });

  it('says why pages are without text: waiting for OCR, OCR could not read them, or OCR was stopped', () => {
    const p = sample();
    const [, vascular, deesc] = rowsOf(p);
    const [, order, faq] = columnsOf(p);
    const orderDoc = p.documents[0]!;
    orderDoc.ocrFailedPages = [4];
    expect(cellOf(p, deesc!, order!).notes).toEqual(['1 page waiting for OCR', 'OCR could not read 1 page (see Documents)']);
    orderDoc.ocrStoppedPages = [5];
    expect(cellOf(p, deesc!, order!).notes).toEqual(['OCR could not read 1 page (see Documents)', 'OCR stopped on 1 page (Resume in Documents)']);
    // Pages the document's finding does not name do not count (a page failed elsewhere in it).
    orderDoc.ocrFailedPages = [9];
    orderDoc.ocrStoppedPages = [];
    expect(cellOf(p, deesc!, order!).notes).toEqual(['2 pages waiting for OCR']);
    // Pages OCR read and found no words on are not waiting for anything.
    orderDoc.ocrEmptyPages = [4, 5];
    expect(cellOf(p, deesc!, order!).notes).toEqual(['OCR found no words on 2 pages (blank, or check the image)']);
    // A scan with no text at all whose only page failed.
    p.documents[1]!.ocrFailedPages = [1];
    expect(cellOf(p, vascular!, faq!).notes).toEqual(['OCR could not read 1 page (see Documents)']);
  });

  it('marks a conflict on the case cell and shows the deciding document’s passages there', () => {
    const p = sample();
    p.case.chokehold = { stance: 'permitted', decidedBy: { documentId: 'faq', title: 'Use of force FAQ' }, describedOnly: false, conflicts: [{ documentId: 'order', title: 'GO 300 Use of Force', stance: 'prohibited_outright' }], unread: [] };
    p.case.vascular = { stance: 'permitted', decidedBy: null, describedOnly: true, conflicts: [], unread: ['Use of force FAQ'] };
    const [choke, vascular] = rowsOf(p);
    const [caseCol] = columnsOf(p);
    expect(cellOf(p, choke!, caseCol!)).toMatchObject({ label: 'Permitted', conflict: true, passageCount: 1, notes: ['more documents still reading'] });
    expect(cellOf(p, vascular!, caseCol!).notes).toEqual(['described, not directed', '1 document unread (needs OCR)', 'more documents still reading']);
    expect(passagesOf(p, choke!, caseCol!)?.passages.map((x) => x.quote)).toEqual(['Officers may use a chokehold.']);
    expect(passagesOf(p, vascular!, caseCol!)).toBeNull();
  });

  it('finds the item’s suggestion for each of its rows', () => {
    const p = sample();
    const [choke, vascular, deesc] = rowsOf(p);
    expect(suggestionFor(p, choke!)?.status).toBe('met');
    expect(suggestionFor(p, vascular!)?.status).toBe('met');
    expect(suggestionFor(p, deesc!)).toBeNull();
  });

  it('moves the focus like a grid: arrows stop at the edges, Home/End and Ctrl+Home/End jump', () => {
    expect(moveFocus({ row: 0, col: 0 }, 'ArrowUp', false, 3, 5)).toEqual({ row: 0, col: 0 });
    expect(moveFocus({ row: 0, col: 0 }, 'ArrowRight', false, 3, 5)).toEqual({ row: 0, col: 1 });
    expect(moveFocus({ row: 2, col: 4 }, 'ArrowDown', false, 3, 5)).toEqual({ row: 2, col: 4 });
    expect(moveFocus({ row: 1, col: 3 }, 'Home', false, 3, 5)).toEqual({ row: 1, col: 0 });
    expect(moveFocus({ row: 1, col: 0 }, 'End', false, 3, 5)).toEqual({ row: 1, col: 4 });
    expect(moveFocus({ row: 1, col: 2 }, 'End', true, 3, 5)).toEqual({ row: 2, col: 4 });
    expect(moveFocus({ row: 2, col: 2 }, 'PageUp', false, 3, 5)).toEqual({ row: 0, col: 2 });
    expect(moveFocus({ row: 1, col: 1 }, 'a', false, 3, 5)).toBeNull();
  });

  it('cites one page or a range across a page break', () => {
    expect(pagesLabel(4, 4)).toBe('p. 4');
    expect(pagesLabel(4, 5)).toBe('pp. 4–5');
  });
});
