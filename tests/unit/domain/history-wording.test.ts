import { describe, expect, it } from 'vitest';
import { describeAuditEntry, personName, type HistoryNames } from '../../../shared/domain/history-wording.ts';

const ana = 'Ana Reviewer <ana@body.example>';
const lee = 'Lee Lead <lee@body.example>';
const say = (action: string, entity: string, names: HistoryNames = {}, actor = ana, entityId = 'x1') => describeAuditEntry({ actor, action, entity, entityId }, names);
const doc205 = { title: 'Use of Force', number: '205-P' };
const unnumbered = { title: 'Response to Resistance', number: null };

describe('history in plain words', () => {
  it('names people without their e-mail', () => {
    expect(personName(ana)).toBe('Ana Reviewer');
    expect(personName('e2e-reviewer')).toBe('e2e-reviewer');
  });

  it('cases: created, edited, archived, restored', () => {
    expect(say('cases.create', 'case')).toBe('Ana Reviewer created the case');
    expect(say('cases.update', 'case')).toBe('Ana Reviewer edited the case details');
    expect(say('cases.archive', 'case', { archived: true })).toBe('Ana Reviewer archived the case');
    expect(say('cases.archive', 'case', { archived: false })).toBe('Ana Reviewer restored the case');
    expect(say('cases.archive', 'case')).toBe('Ana Reviewer archived or restored the case');
  });

  it('documents: imported (by number and title), replaced, renamed', () => {
    expect(say('documents.import', 'document', { document: doc205 })).toBe('Ana Reviewer imported 205-P “Use of Force”');
    expect(say('documents.importFiles', 'document', { document: unnumbered })).toBe('Ana Reviewer imported “Response to Resistance”');
    expect(say('documents.replace', 'document', { document: doc205 })).toBe('Ana Reviewer replaced 205-P with a revised version');
    expect(say('documents.update', 'document', { document: { title: 'Use of Force (2021)', number: '205-P' }, newTitle: 'Use of Force (2021)' })).toBe('Ana Reviewer renamed or renumbered a document: now 205-P “Use of Force (2021)”');
    expect(say('documents.update', 'document', { document: unnumbered, newTitle: 'Response to Resistance' })).toBe('Ana Reviewer renamed or renumbered a document: now “Response to Resistance”');
    expect(say('ocr.readTextLayer', 'document', { document: doc205 })).toBe("Ana Reviewer had pages of 205-P read by OCR instead of the file's own text (a scanner's reading)");
    expect(say('annotations.reread', 'document', { document: unnumbered })).toBe('Ana Reviewer had pages of “Response to Resistance” read again by OCR: its highlights followed their words');
    // Edited again since: what this entry set is not known, so nothing is claimed.
    expect(say('documents.update', 'document', { document: doc205 })).toBe('Ana Reviewer edited the title, number or date of 205-P “Use of Force” (since changed again)');
  });

  it('highlights: linked to items, highlighted, changed, deleted, restored', () => {
    expect(say('annotations.create', 'annotation', { document: doc205, pages: { from: 4, to: 4 }, items: ['Chokeholds'] })).toBe('Ana Reviewer linked p. 4 of 205-P to Chokeholds');
    expect(say('annotations.create', 'annotation', { document: unnumbered, pages: { from: 2, to: 3 }, items: ['Chokeholds', 'De-escalation', 'Duty to intervene'] })).toBe('Ana Reviewer linked pp. 2–3 of “Response to Resistance” to Chokeholds, De-escalation and Duty to intervene');
    expect(say('annotations.create', 'annotation', { document: doc205, pages: { from: 4, to: 4 }, items: [] })).toBe('Ana Reviewer highlighted p. 4 of 205-P');
    expect(say('annotations.update', 'annotation', { document: doc205, pages: { from: 4, to: 4 }, items: ['Chokeholds'] })).toBe('Ana Reviewer changed the highlight on p. 4 of 205-P (linked to Chokeholds)');
    expect(say('annotations.delete', 'annotation', { document: doc205, pages: { from: 4, to: 4 } })).toBe('Ana Reviewer deleted the highlight on p. 4 of 205-P');
    expect(say('annotations.restore', 'annotation', { document: doc205, pages: { from: 4, to: 4 } })).toBe('Ana Reviewer restored the highlight on p. 4 of 205-P');
    expect(say('annotations.delete', 'annotation')).toBe('Ana Reviewer deleted the highlight on a passage of a document');
  });

  it('determinations: set to a status when known, changed otherwise, cleared', () => {
    expect(say('determinations.set', 'determination', { items: ['Chokeholds'], status: 'Met' })).toBe('Ana Reviewer set Chokeholds to Met');
    expect(say('determinations.set', 'determination', { items: ['Chokeholds'] })).toBe('Ana Reviewer changed the determination on Chokeholds');
    expect(say('determinations.clear', 'determination', { items: ['Chokeholds'] })).toBe('Ana Reviewer cleared the determination on Chokeholds');
  });

  it('lint decisions', () => {
    expect(say('lint.decide', 'lint-finding', { document: doc205, pages: { from: 3, to: 3 }, category: 'chokehold' })).toBe('Ana Reviewer decided on the chokehold lint finding on p. 3 of 205-P');
    expect(say('lint.decide', 'lint-finding', { document: doc205, pages: { from: 3, to: 3 }, category: 'chokehold', decision: 'dismissed' })).toBe('Ana Reviewer dismissed the chokehold lint finding on p. 3 of 205-P');
  });

  it('pre-review decisions and adopted suggestions', () => {
    expect(say('prereview.decide', 'lint-finding', { document: doc205, pages: { from: 2, to: 2 }, category: 'warning-shots', decision: 'accepted' })).toBe('Ana Reviewer accepted the warning-shots pre-review finding on p. 2 of 205-P');
    expect(say('prereview.adopt', 'determination', { items: ['Duty to intervene'], status: 'Met' })).toBe('Ana Reviewer adopted the suggested determination on Duty to intervene: Met');
    expect(say('prereview.adopt-edited', 'determination', { items: ['Duty to intervene'] })).toBe('Ana Reviewer adopted, edited, the suggested determination on Duty to intervene');
  });

  it('rubric scores and consensus', () => {
    expect(say('rubrics.score', 'score', { rubric: 'Early intervention system', criterion: 'Breadth of indicators', level: 2 })).toBe('Ana Reviewer scored Breadth of indicators (Early intervention system) at level 2');
    expect(say('rubrics.score', 'score', { rubric: 'Early intervention system', criterion: 'Breadth of indicators' })).toBe('Ana Reviewer scored Breadth of indicators (Early intervention system)');
    expect(say('rubrics.consensus', 'score', { rubric: 'Early intervention system', criterion: 'Breadth of indicators', level: 1 }, lee)).toBe('Lee Lead recorded the consensus on Breadth of indicators (Early intervention system): level 1');
  });

  it('the workflow and the packet', () => {
    expect(say('review.submitted', 'case')).toBe('Ana Reviewer submitted the case for review');
    expect(say('review.returned', 'case', {}, lee)).toBe('Lee Lead returned the case to the reviewer with comments');
    expect(say('review.approved', 'case', {}, lee)).toBe('Lee Lead approved the case');
    expect(say('packet.signed', 'case', {}, lee)).toBe('Lee Lead signed the review packet');
    expect(say('review.signed', 'case', {}, lee)).toBe('Lee Lead marked the case signed');
    expect(say('review.exported', 'case', {}, lee)).toBe('Lee Lead exported the signed packet');
    expect(say('review.exported-again', 'case', {}, lee)).toBe('Lee Lead exported the signed packet again');
  });

  it('an action it does not know: a plain sentence with the raw action', () => {
    expect(say('bundle.imported', 'case', {}, lee, 'c-1')).toBe('Lee Lead made a change recorded as “bundle.imported” (case c-1)');
  });
});
