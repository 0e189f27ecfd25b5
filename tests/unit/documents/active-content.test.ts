// The active-content flag reads a large file a slice at a time; a name that straddles two slices
// (or sits in the last bytes) must still be found, and a file without one must not be flagged.
import { describe, expect, it } from 'vitest';
import { mentionsActiveContent } from '../../../electron/services/documents/pdf-checks.ts';

const SLICE = 4 * 1024 * 1024;
const fileWith = (size: number, at: number, name: string) => {
  const b = Buffer.alloc(size, 0x20);
  b.write(name, at, 'latin1');
  return new Uint8Array(b);
};

describe('mentionsActiveContent', () => {
  it.each([
    ['at the start', 0],
    ['across the first slice boundary', SLICE - 5],
    ['right after a boundary', SLICE],
    ['in the last bytes of a 9 MB file', 9 * 1024 * 1024 - 12],
  ])('finds /JavaScript %s', async (_where, at) => {
    expect(await mentionsActiveContent(fileWith(9 * 1024 * 1024, at, '/JavaScript '))).toBe(true);
  });

  it('finds /Launch and /JS, and not a longer name that only begins like them', async () => {
    expect(await mentionsActiveContent(fileWith(1024, 10, '/Launch '))).toBe(true);
    expect(await mentionsActiveContent(fileWith(1024, 10, '/JS>>'))).toBe(true);
    expect(await mentionsActiveContent(fileWith(9 * 1024 * 1024, SLICE - 3, '/JSON '))).toBe(false);
    expect(await mentionsActiveContent(new Uint8Array(0))).toBe(false);
  });
});
