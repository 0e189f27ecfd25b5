// A PDF's metadata and first pages are the author's text: whatever they hold, the title made
// from them is short, has no control characters, and is worked out in time linear in the input.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentTitle } from '../../shared/domain/document-title.ts';
import { textPdf } from '../fixtures/pdfs.ts';
import { tempWorkspace } from '../support/workspace.ts';

describe('hostile titles', () => {
  it('keeps a title to 200 characters and finishes on pages built to make patterns backtrack', () => {
    const spaces = `${' '.repeat(200_000)}x`;
    const labels = `SUBJECT${'  SUBJECT'.repeat(50_000)}`;
    const numbers = `NUMBER: ${'1.'.repeat(100_000)}`;
    const pages = [Array.from({ length: 200 }, () => spaces).join('\n'), [labels, numbers, `SUBJECT: ${'Use of Force '.repeat(10_000)}`].join('\n')];
    const t = documentTitle(`${'Vehicle Pursuits '.repeat(5_000)}`, pages, `${'a'.repeat(500)}.pdf`);
    expect(t.title.length).toBeLessThanOrEqual(200);
    const subject = documentTitle(null, ['DIRECTIVE: 12-A', `SUBJECT: ${'Use of Force '.repeat(10_000)}`], 'x.pdf');
    expect(subject.title.length).toBeLessThanOrEqual(200);
    expect(subject.title.startsWith('12-A Use of Force')).toBe(true);
  });
});

describe('hostile titles at import', () => {
  let t: ReturnType<typeof tempWorkspace>;
  let caseId: string;
  beforeEach(async () => {
    t = tempWorkspace();
    caseId = (await t.call('cases.create', { agencyName: 'Oakton Police Department', ori: 'IL0000001', state: 'IL' })).id;
  });
  afterEach(() => t.cleanup());

  it('stores a metadata title with control characters and 3,000 characters as a short, clean title', async () => {
    const evil = `Use of Force\u0007\u001b[31m\u0085${'x'.repeat(3_000)}`;
    const [r] = await t.call('documents.import', { caseId, paths: [t.write('evil.pdf', await textPdf([{ lines: ['Officers shall use reasonable force.'] }], evil))] });
    expect(r.ok).toBe(true);
    expect(r.document.title.length).toBeLessThanOrEqual(200);
    expect(r.document.title).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(r.document.originalName).toBe('evil.pdf');
    const [s] = await t.call('documents.import', { caseId, paths: [t.write('subject.pdf', await textPdf([{ lines: ['DIRECTIVE: 7-C', `SUBJECT: Pursuits ${'and more '.repeat(60)}`] }]))] });
    expect(s.document.title).toMatch(/^7-C Pursuits/);
    expect(s.document.title.length).toBeLessThanOrEqual(200);
  });
});
