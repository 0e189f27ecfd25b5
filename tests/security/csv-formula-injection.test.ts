// A document title or file name written as a spreadsheet formula must reach `prereview --csv`
// as text: a reviewer opening a state's coded policies in a spreadsheet must not run it.
import { describe, expect, it } from 'vitest';
import { csvCell, csvOf } from '../../electron/cli/commands/prereview.ts';
import { prereviewDocument } from '../../shared/domain/prereview/engine.ts';

describe('CSV formula injection', () => {
  it.each(['=HYPERLINK("http://x.invalid","open")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1'])('neutralises %s', (bad) => {
    expect(csvCell(bad).replace(/^"/, '')).toMatch(/^'/);
  });

  it('a hostile title stays one quoted text cell, and the row keeps its columns', () => {
    const title = '=cmd|\' /C calc\'!A0,"x"\nsecond line';
    const out = csvOf([{ file: title, sha256: 'a'.repeat(64), result: prereviewDocument(['Warning shots are prohibited.']) }]);
    const [head, row] = out.split('\n').length === 2 ? out.split('\n') : [out.split('\n')[0], out.split('\n').slice(1).join('\n')];
    expect(row!.startsWith(`"'=cmd`)).toBe(true);
    expect(row).toContain('""x""');
    // The header's column count equals the row's once the quoted cell is taken as one.
    const cells = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.filter((c) => c !== '').length;
    expect(cells(row!)).toBe(cells(head!));
    expect(out).toContain('prohibited');
  });
});
