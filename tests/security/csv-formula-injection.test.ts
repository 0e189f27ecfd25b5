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
    const [head, row] = parseCsv(out);
    expect(row![0]).toBe(`'${title}`);
    expect(row).toHaveLength(head!.length);
    expect(row![head!.indexOf('warning-shots')]).toBe('prohibited');
  });
});

/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') rows.at(-1)!.push(cell), (cell = '');
    else if (ch === '\n') rows.at(-1)!.push(cell), (cell = ''), rows.push([]);
    else cell += ch;
  }
  rows.at(-1)!.push(cell);
  return rows;
}
