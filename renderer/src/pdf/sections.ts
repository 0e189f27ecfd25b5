// "Go to section 300.3.4" in a Lexipol-style manual: the bookmark whose title starts with that
// number, else the first page whose text has a line starting with it.

/** A section number as a reader types it: digits separated by dots, nothing else. */
export function parseSection(input: string): string | null {
  const s = input.trim().replace(/^§\s*/, '').replace(/\.$/, '');
  return /^\d{1,5}(\.\d{1,4}){0,6}$/.test(s) ? s : null;
}

/** Does this heading start with the section number (and not a longer one: 300.3 is not 300.31)? */
export function startsWithSection(text: string, section: string): boolean {
  const t = text.trimStart().replace(/^§\s*/, '');
  if (!t.startsWith(section)) return false;
  const next = t.charAt(section.length);
  return next === '' || (!/\d/.test(next) && !(next === '.' && /\d/.test(t.charAt(section.length + 1))));
}
