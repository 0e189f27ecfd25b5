// The text of a DOCX as Word stores it (word/document.xml plus headers and footers), one string
// per paragraph. Tests assert on this, not on how a converter lays the text out on a page: line
// wrapping depends on the fonts a machine has.
import { strFromU8, unzipSync } from 'fflate';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);|&#(\d+);|&#x([0-9a-f]+);/gi, (_m, name: string, dec: string, hex: string) => (name ? ENTITIES[name]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex, 16))));

export function docxParagraphs(docx: Uint8Array): string[] {
  const parts = unzipSync(docx, { filter: (f) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(f.name) });
  const names = Object.keys(parts).sort((a, b) => (a === 'word/document.xml' ? -1 : b === 'word/document.xml' ? 1 : a.localeCompare(b)));
  const out: string[] = [];
  for (const name of names) {
    for (const p of strFromU8(parts[name]!).split(/<\/w:p>/)) {
      const runs = [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => (m[1] === undefined ? '\t' : decode(m[1])));
      const text = runs.join('').trim();
      if (text) out.push(text);
    }
  }
  return out;
}

/** Text with every run of white space folded to one space, for comparing converter output. */
export const folded = (s: string) => s.replace(/\s+/g, ' ').trim();
