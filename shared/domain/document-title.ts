// What to call an imported policy. PDF metadata titles are often the agency's letterhead
// ("POLICE DEPARTMENT"), the form's name ("General Order") or the word processor's leftovers
// ("Microsoft Word - 6.01r.doc"), so a metadata title is used only when it names a subject.
// Otherwise the directive's own header is read: its subject line ("SUBJECT: Use of Force",
// "TITLE:", "RE:", a Lexipol "Policy 300 … Use of Force" heading) with its number ("205-P").
// Failing both, the file name. Pure: the caller passes the text of the first pages.

export type TitleSource = 'metadata' | 'subject' | 'heading' | 'file';

export interface DocumentTitle {
  title: string;
  /** The directive's number as the document writes it (205-P, 1.06, UOF-01), when found. */
  number: string | null;
  source: TitleSource;
}

/** How much of the first pages is read: a header sits at the top, never 200 lines down. */
const HEADER_LINES = 60;
const MAX_TITLE = 200;
const MAX_LINE = 400;
const MAX_HEADER_CHARS = 200_000;

const DOC_TYPES = /^(general|special|standing|departmental|department|division|administrative|training|personnel)?\s*(orders?|directives?|policy|policies|policy manual|manual|procedures?|standard operating procedures?|sops?|memorandum|memo|notice|rules? and regulations)$/i;
const AGENCY_END = /\b(police|sheriff'?s?|sheriff’s|department|dept\.?|office|pd|so|constabulary|marshals?|patrol|bureau)$/i;
const AGENCY_WORDS = /\b(police|sheriff'?s?|sheriff’s|department|dept|office|agency|county|city|village|town|township|of|the|state|pd)\b/gi;
const FILE_LIKE = /\.(docx?|pdf|wpd|rtf|odt|txt|xlsx?|pptx?|indd|tiff?|jpe?g)$/i;
const TOOL_PREFIX = /^(microsoft\s+(word|excel|powerpoint)|adobe|acrobat|untitled|document\s*\d*$|title$|new document|scan(ned)?\b|img[_\s-]?\d)/i;

/** A label in a directive header that ends a subject (another field begins). */
const HEADER_LABEL = /^(distribution|issue date|date of issue|issued|effective date|effective|eff|rescinds|amends|amended date|references?|reference standards|review date|revision dates?|rev|number|no\.?|directive|purpose|policy|scope|to|from|section( code)?|series( number| title)?|appendices|pages?|approved by|authorized by|reviewed by|termination date|special order|legal notice|general order|notice|division directive|department directive)\s*[:.#]?$/i;

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'per', 'the', 'to', 'vs', 'via', 'with']);

// Two-letter words that are words; any other pair of letters is an initialism (OC, ID).
const TWO_LETTER_WORDS = new Set(['be', 'do', 'go', 'he', 'if', 'is', 'it', 'me', 'my', 'no', 'so', 'up', 'us', 'we']);

const squash = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();

/** "USE OF NON-LETHAL/LESS LETHAL FORCE" → "Use of Non-Lethal/Less Lethal Force"; mixed case is kept as written. */
export function tidyCase(s: string): string {
  if (/[a-z]/.test(s)) return s;
  return s
    .toLowerCase()
    .split(' ')
    .map((w, i) => {
      // Letters without vowels are initialisms (OC, PPCT, CED): keep them upper case.
      if (/^[a-z]{2,5}$/.test(w) && !/[aeiouy]/.test(w)) return w.toUpperCase();
      if (/^[a-z]{2}$/.test(w) && !SMALL_WORDS.has(w) && !TWO_LETTER_WORDS.has(w)) return w.toUpperCase();
      if (i > 0 && SMALL_WORDS.has(w)) return w;
      return w.replace(/(^|[-/(“"'])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
    })
    .join(' ');
}

/** A metadata title worth showing: it names a subject, not the letterhead, the form or the file. */
export function isMeaningfulTitle(raw: string | null | undefined): boolean {
  if (!raw) return false;
  const t = squash(raw.slice(0, MAX_TITLE * 2));
  if (t.length < 3 || t.length > MAX_TITLE || !/[a-z]{2}/i.test(t)) return false;
  if (TOOL_PREFIX.test(t) || FILE_LIKE.test(t)) return false;
  // One token with separators but no spaces ("GO_1-06", "6.01r", "UOF01final") is a file name.
  if (!/\s/.test(t) && /[_.\-\d]/.test(t)) return false;
  if (DOC_TYPES.test(t)) return false;
  // The agency's name alone: ends with the kind of agency, or is nothing but agency and place words.
  if (AGENCY_END.test(t)) return false;
  if (/^(city|village|town|township|county|borough|parish|state|commonwealth) of [\w\s.'’-]+$/i.test(t) && t.split(' ').length <= 5) return false;
  const rest = t.replace(AGENCY_WORDS, ' ').replace(/[^A-Za-z]+/g, ' ').trim();
  if (rest.length === 0) return false;
  return true;
}

const NUMBER_TOKEN = String.raw`([A-Z]{0,5}[-.]?\d[0-9A-Z]*(?:[-.][0-9A-Z]+)*)`;
// Longer labels first, so "Policy Number" wins over "Number". "SERIES NUMBER" names a chapter, not the order.
const NUMBER_LABELS: Array<{ re: RegExp; kind: string | null }> = [
  { re: /\bSOP\s+(?:Number|No\.?|#)\s*:?/i, kind: 'SOP' },
  { re: /\bPolicy\s+(?:Number|No\.?|#)\s*:?/i, kind: 'Policy' },
  { re: /\bGeneral\s+Order\s*(?:Number|No\.?|#)?\s*:/i, kind: 'GO' },
  { re: /\bDirective\s*(?:Number|No\.?|#)?\s*:?/i, kind: 'Directive' },
  { re: /\bDir\.?\s*#\s*:?/i, kind: 'Directive' },
  { re: /(?<!SERIES\s{1,3})\b(?:Number|Order\s+No\.?|No\.)\s*:?/i, kind: null },
];

/** The kind of document its header says it is, to qualify a bare numeric number ("GO 1.06"). */
function documentKind(lines: string[]): string | null {
  for (const l of lines.slice(0, 12)) {
    if (/\bstandard operating procedure\b/i.test(l)) return 'SOP';
    if (/^general order\b/i.test(l)) return 'GO';
  }
  return null;
}

function findNumber(lines: string[]): { number: string; kind: string | null } | null {
  const text = lines.join('\n');
  let best: { at: number; number: string; kind: string | null } | null = null;
  for (const label of NUMBER_LABELS) {
    const re = new RegExp(`${label.re.source}[ \\t]*\\n?[ \\t]*${NUMBER_TOKEN}(?![/\\w])`, 'gi');
    for (const m of text.matchAll(re)) {
      const token = m[1]!;
      // A date, a page count or a statute is not a directive number.
      if (token.length > 15 || /^\d{1,2}$/.test(token) && label.kind === null) continue;
      if (!best || m.index! < best.at) best = { at: m.index!, number: token.toUpperCase(), kind: label.kind };
      break;
    }
  }
  return best ? { number: best.number, kind: best.kind } : null;
}

/** "SUBJECT: Use of Force", "TITLE: RESPONSE TO RESISTANCE", "Policy Title : Use of Force", "RE: …", or the label alone with the value on the next line. */
function findSubject(lines: string[]): string | null {
  for (let i = 0; i < lines.length; i++) {
    // The label starts the line or a new cell of it (two spaces); "SERIES TITLE" has one space, so it is not matched.
    const m = /(?:^|\s{2,})(Subject|Policy\s+Title|Title|Re)\b\s*(:?)\s*(.*)$/i.exec(lines[i]!);
    if (!m) continue;
    const [, , colon, after] = m;
    // Without a colon the label must stand alone: "Subject to payment of fees" is prose.
    if (!colon && after) continue;
    let value = after ? stripTrailingLabels(after) : '';
    let j = i + 1;
    if (!value) {
      while (j < lines.length && !lines[j]!.trim()) j++;
      if (j >= lines.length || HEADER_LABEL.test(squash(lines[j]!))) continue;
      value = stripTrailingLabels(lines[j]!);
      j++;
    }
    // An upper-case subject may wrap onto the next line ("USE OF NON-LETHAL/LESS" / "LETHAL FORCE").
    if (value && !/[a-z]/.test(value) && j < lines.length && /[/-]$|\b(OF|AND|TO|THE|FOR|LESS|NON|IN|ON|WITH)$/.test(value)) {
      const next = stripTrailingLabels(lines[j]!);
      if (next && !/[a-z]/.test(next) && !lines[j]!.includes(':') && next.length < 60) value = value.endsWith('-') ? `${value}${next}` : `${value} ${next}`;
    }
    value = squash(value).replace(/[:;,.\s]+$/, '');
    if (/[A-Za-z]{3}/.test(value)) return value.slice(0, MAX_TITLE);
  }
  return null;
}

/** Drops further header fields on the same line ("USE OF DEADLY FORCE  DISTRIBUTION"). */
function stripTrailingLabels(s: string): string {
  const cells = s.trim().split(/\s{2,}/);
  while (cells.length > 1 && HEADER_LABEL.test(cells.at(-1)!.trim())) cells.pop();
  const v = squash(cells.join(' '));
  return HEADER_LABEL.test(v) ? '' : v;
}

/** Lexipol manuals: "Policy" / "300 Agency Name" / … / "Use of Force" / "300.1 PURPOSE AND SCOPE". */
function findLexipol(lines: string[]): { number: string; subject: string } | null {
  const head = lines.slice(0, 12).map((l) => squash(l));
  const p = head.findIndex((l) => /^policy$/i.test(l));
  if (p < 0) return null;
  const num = /^(\d{3,4})\b/.exec(head[p + 1] ?? '')?.[1];
  if (!num) return null;
  const firstSection = lines.findIndex((l) => new RegExp(`^${num}\\.1\\b`).test(squash(l)));
  if (firstSection <= 0) return null;
  const subject = squash(lines[firstSection - 1]!);
  if (subject.length < 3 || /copyright|published with permission|policy manual/i.test(subject)) return null;
  return { number: num, subject };
}

/** A short upper-case heading right after the form's name ("STANDARD OPERATING PROCEDURE" / "DOMESTIC VIOLENCE POLICY"). */
function findHeading(lines: string[]): string | null {
  const head = lines.slice(0, 10).map(squash);
  for (let i = 0; i < head.length - 1; i++) {
    if (!/^(standard operating procedures?|general order|special order|directive|policy and procedure)$/i.test(head[i]!)) continue;
    const next = head[i + 1]!;
    if (next.length >= 4 && next.length <= 80 && !/[a-z]/.test(next) && !/:/.test(next) && !/\d{3,}/.test(next) && isMeaningfulTitle(next)) return next;
  }
  return null;
}

/** The file's name without folders or the .pdf extension. */
export function fileTitle(fileName: string): string {
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? fileName;
  const t = squash(base.replace(/\.pdf$/i, ''));
  return (t || 'Untitled document').slice(0, MAX_TITLE);
}

const withNumber = (number: string | null, kind: string | null, subject: string): string => {
  if (!number || subject.toUpperCase().includes(number)) return subject;
  // A bare numeric number ("1.06") means little on its own: say what kind of order it numbers.
  const qualified = /^[\d.]+$/.test(number) && kind ? `${kind} ${number}` : number;
  return `${qualified} ${subject}`;
};

/**
 * The title for an imported document from its metadata title, the text of its first pages and
 * its file name. Never empty, at most 200 characters.
 */
export function documentTitle(metadataTitle: string | null | undefined, firstPages: readonly string[], fileName: string): DocumentTitle {
  // A header line is short: capping each keeps every pattern below linear on a hostile page.
  const lines = firstPages
    .slice(0, 2)
    .map((p) => p.slice(0, MAX_HEADER_CHARS))
    .join('\n')
    .split('\n')
    .slice(0, HEADER_LINES * 2)
    .map((l) => l.slice(0, MAX_LINE));
  const lexipol = findLexipol(lines);
  const found = lexipol ? { number: lexipol.number, kind: 'Policy' } : findNumber(lines.slice(0, HEADER_LINES * 2));
  const number = found?.number ?? null;
  const kind = found?.kind ?? documentKind(lines);
  const done = (title: string, source: TitleSource): DocumentTitle => ({ title: squash(title).slice(0, MAX_TITLE), number, source });

  if (isMeaningfulTitle(metadataTitle)) return done(withNumber(number, kind, squash(metadataTitle!.slice(0, MAX_TITLE * 2))), 'metadata');
  if (lexipol) return done(withNumber(number, kind, tidyCase(lexipol.subject)), 'subject');
  const subject = findSubject(lines);
  if (subject) return done(withNumber(number, kind, tidyCase(subject)), 'subject');
  const heading = findHeading(lines);
  if (heading) return done(withNumber(number, kind, tidyCase(heading)), 'heading');
  return { title: fileTitle(fileName), number, source: 'file' };
}

/** How a passage is cited, in packets and drafted rationales alike: "205-P Use of Force, p. 4", "…, pp. 4–5". */
export function citePages(title: string, page: number, endPage = page): string {
  return endPage > page ? `${title}, pp. ${page}–${endPage}` : `${title}, p. ${page}`;
}
