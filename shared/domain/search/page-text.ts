// Assembles one page's text from pdf.js text items, in time linear in its length: the parts are
// joined once at the end, and whether the text so far ends in white space is remembered from the
// last part instead of asked of the whole string (a regex on a growing string made a 4 MB page
// take minutes). Plain TypeScript with no imports: the extraction worker runs it, and the viewer
// joins a page's text layer by the same rule, so both count words in the same text.

export type ItemBox = [number, number, number, number, number, number];

export interface TextPiece {
  str: string;
  hasEOL?: boolean;
  transform: number[];
  width: number;
  height: number;
}

const WHITE = /\s/;

export class PageTextBuilder {
  private readonly parts: string[] = [];
  readonly items: ItemBox[] = [];
  /** Length of the text so far, in UTF-16 code units (what String#length and offsets count). */
  length = 0;
  private endsWhite = false;
  private pendingSpace = false;

  private push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
    this.endsWhite = WHITE.test(s[s.length - 1]!);
  }

  /**
   * Items are joined by one space, or a newline where pdf.js marks a line end. The space is
   * added only before the next item, never fixed up afterwards, so each item's offset stays true.
   */
  add(it: TextPiece): void {
    if (it.str.length > 0) {
      if (this.pendingSpace && !this.endsWhite) this.push(' ');
      // [offset into page text, length, x, y, width, height] in PDF user space.
      this.items.push([this.length, it.str.length, round(it.transform[4]!), round(it.transform[5]!), round(it.width), round(it.height)]);
      this.push(it.str);
      this.pendingSpace = true;
    }
    if (it.hasEOL) {
      this.push('\n');
      this.pendingSpace = false;
    }
  }

  text(): string {
    return this.parts.join('');
  }
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
