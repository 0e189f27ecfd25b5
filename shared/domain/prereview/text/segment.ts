// Turns a document's pages into units a rule can live in: running headers and footers removed
// (so a list that continues on the next page stays one list), line-end hyphens joined, lines
// gathered into list items and sentences, each remembering the page it starts on.

export interface Unit {
  text: string;
  page: number; // 1-based, where the unit starts
  /** Where it ends: a sentence split by a page break is one unit on both pages. */
  endPage: number;
  listItem: boolean;
  /** Ends with a colon, or announces "the following": introduces what follows. */
  leadIn: boolean;
  /** A later sentence of a list item: the item's list (and its lead-in) goes on. */
  inItem: boolean;
  /**
   * Where the unit's own sentence starts after heading lines it was gathered with ("7.2.4 Neck
   * restraints" above "Choke holds are prohibited…"): 0 when it starts with no heading. The text
   * keeps the heading (a rule may need it); a rule that must tell the heading's topic from the
   * sentence's reads from here.
   */
  headingEnd: number;
}

// "(@)" and "(©)": OCR's readings of "(a)" and "(c)" in some typefaces. One character in
// parentheses at a line's start is a list marker whatever the character.
const MARKER = /^\s*(?:\(?(?:[a-zA-Z]|[0-9]{1,3}|[ivxlIVXL]{1,5})[.)]|\([^\s()]\)|•|▪|-|–)\s+/;
const BARE_MARKER = /^\s*(?:\(?(?:[a-zA-Z]|[0-9]{1,3}|[ivxlIVXL]{1,5})[.)]|\([^\s()]\))\s*$/;
const BREAK = '\u0000';

// A list marker OCR read without its period ("2 Firing" for "2.", "E Medical Aid" for "E."): a
// speck-sized mark is the one a scan loses most. Taken as a marker only when a capitalised word
// follows and it is the next in sequence after the list's last marker (1. → 2, D. → E), or a
// list's first ("1", "a") right after a lead-in that ends with a colon; so a sentence that starts
// with a number or a one-letter word is not.
const PERIOD_LOST = /^\s*([0-9]{1,3}|[a-zA-Z]) (?=["“(]?[A-Z])/;
type Seq = { kind: 'n' | 'a' | 'A'; value: number };
function sequenceOf(token: string): Seq | null {
  if (/^[0-9]{1,3}$/.test(token)) return { kind: 'n', value: Number(token) };
  if (/^[a-z]$/.test(token)) return { kind: 'a', value: token.charCodeAt(0) };
  if (/^[A-Z]$/.test(token)) return { kind: 'A', value: token.charCodeAt(0) };
  return null;
}
const MARKER_TOKEN = /^\s*\(?([0-9]{1,3}|[a-zA-Z])[.)]\s/;
const PAGE_FURNITURE = /^\s*(page \d+( of \d+)?|\d+|- ?\d+ ?-)\s*$/i;

const shape = (line: string) => line.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A line that can be a heading: short, with no sentence punctuation at its end, starting with a
 * section number or a capital ("7.2.4 Neck restraints", "GENERAL ORDER 300", "Use of Force"). It
 * is taken as one only when the next line starts a sentence (a capital), so a sentence broken
 * across lines ("Choke holds are prohibited unless" / "deadly force…") is not.
 */
const HEADING_SHAPE = /^(?:(?:[0-9]+(?:\.[0-9]+)*|[IVXL]+|[A-Z])[.)]?\s+)?[A-Z](?:[^.;:!?]|\.(?=[0-9]))*$/;
const headingShaped = (line: string) => HEADING_SHAPE.test(line) && line.split(' ').length <= 8;

/** Lines that repeat on many pages are running headers or footers, not policy text. */
export function furnitureLines(pages: string[][]): Set<string> {
  const counts = new Map<string, number>();
  for (const lines of pages) {
    for (const s of new Set(lines.map(shape))) if (s.length > 0 && s.length < 160) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const threshold = Math.max(2, Math.ceil(pages.length * 0.3));
  return new Set([...counts].filter(([, n]) => n >= threshold && pages.length >= 2).map(([s]) => s));
}

/**
 * @param keep 0-based pages to read (all when omitted). Running headers are still found from
 *   every page; between pages that are not adjacent a break is inserted, so no list or sentence
 *   joins across pages that were skipped.
 */
export function segment(pageTexts: string[], keep?: Set<number>): Unit[] {
  const pages = pageTexts.map((t) => t.split('\n'));
  const furniture = furnitureLines(pages);
  const lines: Array<{ text: string; page: number }> = [];
  let previousKept = -2;
  pages.forEach((ls, i) => {
    if (keep && !keep.has(i)) return;
    if (keep && previousKept !== i - 1 && previousKept >= 0) lines.push({ text: BREAK, page: i + 1 });
    previousKept = i;
    for (const l of ls) {
      const t = l.replace(/\s+/g, ' ').trim();
      if (!t || PAGE_FURNITURE.test(t) || furniture.has(shape(t))) continue;
      lines.push({ text: t, page: i + 1 });
    }
  });

  // Gather lines into blocks: a new block at a list marker, or after a line that ends a sentence.
  // `turns`: offsets in the block's text where a later page begins.
  // `head`: the length of the heading lines the block starts with; `open` while every line so far
  // may still be one (the last is confirmed only by the line after it).
  type Block = { text: string; page: number; endPage: number; listItem: boolean; turns: Array<[number, number]>; head: number; open: boolean };
  const blocks: Block[] = [];
  const start = (text: string, page: number, listItem: boolean): Block => ({ text, page, endPage: page, listItem, turns: [], head: 0, open: !listItem && headingShaped(text) });
  const grow = (b: Block, sep: string, text: string, page: number) => {
    if (b.open) {
      // The lines so far were headings if this one starts a sentence or another heading.
      if (/^["“(]?[A-Z]/.test(text) || headingShaped(text)) b.head = b.text.length;
      b.open = b.head === b.text.length && headingShaped(text);
    }
    b.text += sep;
    if (page !== b.endPage) b.turns.push([b.text.length, page]);
    b.text += text;
    b.endPage = page;
  };
  let lastMarker: Seq | null = null;
  for (const l of lines) {
    if (l.text === BREAK) {
      blocks.push({ ...start('.', l.page, false), open: false }); // ends lists and sentences
      continue;
    }
    const prev = blocks.at(-1);
    const lost = PERIOD_LOST.exec(l.text);
    const lostSeq = lost ? sequenceOf(lost[1]!) : null;
    const next = !!lostSeq && !!lastMarker && lostSeq.kind === lastMarker.kind && lostSeq.value === lastMarker.value + 1;
    const first = !!lost && (lost[1] === '1' || lost[1] === 'a') && !!prev && /:$/.test(prev.text);
    const startsItem = MARKER.test(l.text) || next || first;
    if (startsItem) lastMarker = sequenceOf((MARKER_TOKEN.exec(l.text) ?? lost)?.[1] ?? '') ?? lastMarker;
    const prevEnded = !prev || /[.;:!?]["”)]?$/.test(prev.text);
    // pdf.js often gives a list marker ("a.") a line of its own: the item's text follows it.
    const prevIsBareMarker = !!prev && BARE_MARKER.test(prev.text);
    if (prev && prevIsBareMarker) {
      grow(prev, ' ', l.text, l.page);
    } else if (!prev || startsItem || prevEnded) {
      blocks.push(start(l.text, l.page, startsItem));
    } else if (/[A-Za-z]-$/.test(prev.text) && /^[a-z]/.test(l.text)) {
      prev.text = prev.text.slice(0, -1); // a word hyphenated across the line end
      prev.open = false;
      grow(prev, '', l.text, l.page);
    } else {
      grow(prev, ' ', l.text, l.page);
    }
  }

  // Split blocks into sentences; list-ness and lead-in belong to the first and last sentence.
  const units: Unit[] = [];
  for (const b of blocks) {
    // The item's own marker ("a.") is no sentence end.
    const marker = b.listItem ? (MARKER.exec(b.text)?.[0] ?? '') : '';
    const parts = b.text.slice(marker.length).split(/(?<=[a-z)"”\]][.;])\s+(?=["“(]?[A-Z])/);
    parts[0] = marker + parts[0];
    const pageAt = (offset: number) => b.turns.reduce((pg, [at, p]) => (offset >= at ? p : pg), b.page);
    let at = 0;
    parts.forEach((p, i) => {
      const from = i === 0 ? 0 : b.text.indexOf(p, at);
      at = from + p.length;
      units.push({
        text: p.trim(),
        page: pageAt(from),
        endPage: pageAt(Math.max(from, at - 1)),
        listItem: b.listItem && i === 0,
        leadIn: i === parts.length - 1 && (/:\s*$/.test(p) || /\b(the following|as follows)\b[^.]{0,80}\.\s*$/i.test(p)),
        inItem: b.listItem && i > 0,
        // Heading lines are at the block's start, so only its first sentence carries them.
        headingEnd: i === 0 && b.head > 0 && b.head < p.length ? b.head + 1 : 0,
      });
    });
  }
  return units;
}
