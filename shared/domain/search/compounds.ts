// Words policies write both closed and open: "chokehold" and "choke hold" (or "choke-hold"),
// "de-escalation" and "deescalation". The index holds one as a single term and the other as two,
// so a word searched for on its own would miss the other spelling — "chokehold" missed the
// sample order's own "(f) Choke holds." A plain word of the search is looked for in both forms.
// Plain TypeScript: the case search (main) and the viewer's find (renderer) use the same list.
import { tokenize } from './tokenize.ts';

/** [closed, open]: the use-of-force and policing vocabulary written both ways. */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['chokehold', 'choke hold'],
  ['stranglehold', 'strangle hold'],
  ['headlock', 'head lock'],
  ['takedown', 'take down'],
  ['deescalation', 'de escalation'],
  ['deescalate', 'de escalate'],
  ['hogtie', 'hog tie'],
  ['bodycam', 'body cam'],
  ['dashcam', 'dash cam'],
  ['sidearm', 'side arm'],
  ['nightstick', 'night stick'],
  ['pepperball', 'pepper ball'],
  ['legsweep', 'leg sweep'],
];

const terms = (text: string) => tokenize(text).map((t) => t.term);
const key = (ts: string[]) => ts.join(' ');
/** Each form's index terms → the other form, written out to search for. */
const OTHER = new Map<string, string>();
for (const [closed, open] of PAIRS) {
  OTHER.set(key(terms(closed)), open);
  OTHER.set(key(terms(open)), closed);
}

/** The other spelling of a word (by its index terms: "Chokeholds" → "choke hold", "de-escalation" → "deescalation"), or null. */
export function otherForm(word: string): string | null {
  const ts = terms(word);
  return ts.length > 0 ? (OTHER.get(key(ts)) ?? null) : null;
}
