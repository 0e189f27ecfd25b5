// The Pre-review matrix as plain data (pure, unit-tested): rows are the checklist items that name
// a rule, columns the case's verdict then each document, and each cell the stance in words with
// the notes a reviewer needs (described only, conflict, pages needing OCR, still reading).
import type { Output } from '../../../../shared/contract.ts';
import type { RuleId } from '../../../../shared/domain/prereview/types.ts';
import { prereviewStance, type PrereviewTone } from '../checklist/stance.ts';

export type Prereview = Output<'prereview.forCase'>;
export type PrereviewDocument = Prereview['documents'][number];
export type Passage = NonNullable<PrereviewDocument['rules'][RuleId]>['evidence'][number];
export type Suggestion = Prereview['suggestions'][number];

/** What each rule is about, in a reviewer's words: one item can hold two rules (chokehold, vascular). */
export const RULE_LABEL: Record<RuleId, string> = {
  chokehold: 'Chokeholds (airway)',
  vascular: 'Vascular neck restraints',
  'de-escalation': 'De-escalation',
  'duty-to-intervene': 'Duty to intervene',
  'warning-before-deadly-force': 'Warning before deadly force',
  'moving-vehicles': 'Shooting at moving vehicles',
  'warning-shots': 'Warning shots',
  'medical-aid': 'Medical aid after force',
  'force-ends-under-control': 'Force ends under control',
  'exhaust-alternatives': 'Exhaust alternatives first',
  'comprehensive-reporting': 'Reporting of force',
  'force-continuum': 'Force continuum',
  'no-knock-warrants': 'No-knock warrants',
  'early-intervention': 'Early intervention system',
};

export interface Row {
  key: string;
  itemId: string;
  itemTitle: string;
  ruleId: RuleId;
  label: string;
}

export type Column = { key: 'case'; kind: 'case'; title: string } | { key: string; kind: 'document'; title: string; documentId: string; isDirective: boolean; pending: boolean };

export interface Cell {
  label: string;
  tone: PrereviewTone;
  /** Secondary words under the chip: "described, not directed", "decided by …", "2 pages waiting for OCR". */
  notes: string[];
  /** Another directive sets a different rule for the same item (on the case cell only). */
  conflict: boolean;
  passageCount: number;
}

export function rowsOf(p: Prereview): Row[] {
  return p.items.map((i) => ({ key: `${i.itemId}|${i.ruleId}`, itemId: i.itemId, itemTitle: i.title, ruleId: i.ruleId, label: RULE_LABEL[i.ruleId] ?? i.ruleId }));
}

export function columnsOf(p: Prereview): Column[] {
  return [
    { key: 'case', kind: 'case', title: 'Case' },
    ...p.documents.map((d) => ({ key: d.documentId, kind: 'document' as const, title: d.title, documentId: d.documentId, isDirective: d.isDirective, pending: d.pending })),
  ];
}

const count = (n: number) => (n === 1 ? '1 page' : `${n} pages`);

/**
 * Why pages of a document have no text, in words: OCR reads scanned pages by itself, so "needs OCR"
 * alone would send a reviewer looking for a button. Pages OCR failed on or was stopped on are named
 * as such (Documents says why, with Retry or Resume), and pages it read and found no words on
 * (a blank sheet, or marks that are not letters); the rest are waiting for it.
 */
export function unreadPagesNotes(doc: PrereviewDocument, pages: number[]): string[] {
  const failed = new Set(doc.ocrFailedPages ?? []);
  const stopped = new Set(doc.ocrStoppedPages ?? []);
  const empty = new Set(doc.ocrEmptyPages ?? []);
  const f = pages.filter((p) => failed.has(p)).length;
  const s = pages.filter((p) => !failed.has(p) && stopped.has(p)).length;
  const e = pages.filter((p) => !failed.has(p) && !stopped.has(p) && empty.has(p)).length;
  const waiting = pages.length - f - s - e;
  return [
    ...(waiting ? [`${count(waiting)} waiting for OCR`] : []),
    ...(f ? [`OCR could not read ${count(f)} (see Documents)`] : []),
    ...(s ? [`OCR stopped on ${count(s)} (Resume in Documents)`] : []),
    ...(e ? [`OCR found no words on ${count(e)} (blank, or check the image)`] : []),
  ];
}

export function cellOf(p: Prereview, row: Row, col: Column): Cell {
  if (col.kind === 'case') {
    const c = p.case[row.ruleId];
    if (!c) return { label: 'Reading…', tone: 'pending', notes: [], conflict: false, passageCount: 0 };
    const { label, tone } = prereviewStance(c.stance);
    const notes: string[] = [];
    if (c.describedOnly) notes.push('described, not directed');
    if (c.unread.length) notes.push(`${c.unread.length === 1 ? '1 document' : `${c.unread.length} documents`} unread (needs OCR)`);
    if (p.progress.done < p.progress.total) notes.push('more documents still reading');
    const decided = c.decidedBy ? p.documents.find((d) => d.documentId === c.decidedBy!.documentId)?.rules[row.ruleId]?.evidence.length ?? 0 : 0;
    return { label, tone, notes, conflict: c.conflicts.length > 0, passageCount: decided };
  }
  const doc = p.documents.find((d) => d.documentId === col.documentId);
  if (!doc || doc.pending) return { label: 'Reading…', tone: 'pending', notes: [], conflict: false, passageCount: 0 };
  const r = doc.rules[row.ruleId];
  if (!r) return { label: 'Not read for this rule', tone: 'pending', notes: [], conflict: false, passageCount: 0 };
  const stance = prereviewStance(r.stance);
  const notes: string[] = [];
  let { label, tone } = stance;
  // A document with no text at all: why, as for a partly read one below.
  if (tone === 'unread') notes.push(...unreadPagesNotes(doc, doc.pagesWithoutText));
  // A rule not found in the text of a partly scanned document is not "not addressed": the pages
  // without text may hold it.
  if (r.unreadPages.length && tone === 'none') {
    label = 'Not in the text read';
    tone = 'unread';
    notes.push(...unreadPagesNotes(doc, r.unreadPages));
  }
  if (!doc.isDirective && tone !== 'none' && tone !== 'unread') notes.push('described, not directed');
  return { label, tone, notes, conflict: false, passageCount: r.evidence.length };
}

/** The passages behind a cell: a document's own, or for the case cell those of the document that decides it. */
export function passagesOf(p: Prereview, row: Row, col: Column): { document: PrereviewDocument; passages: Passage[]; mentions: Array<{ page: number; quote: string; why: string }> } | null {
  const id = col.kind === 'case' ? p.case[row.ruleId]?.decidedBy?.documentId : col.documentId;
  const doc = p.documents.find((d) => d.documentId === id);
  const r = doc?.rules[row.ruleId];
  if (!doc || !r) return null;
  return { document: doc, passages: r.evidence, mentions: r.mentions };
}

export function suggestionFor(p: Prereview, row: Row): Suggestion | null {
  return p.suggestions.find((s) => s.itemId === row.itemId && s.ruleId === row.ruleId) ?? p.suggestions.find((s) => s.itemId === row.itemId) ?? null;
}

export interface Position {
  row: number;
  col: number;
}

/**
 * Where a key moves the focus in a grid of `rows` × `cols` cells (the WAI-ARIA grid pattern):
 * arrows one step, stopping at the edges; Home/End the row's ends; Ctrl+Home/End the grid's
 * corners; PageUp/PageDown five rows. Null for a key the grid does not handle.
 */
export function moveFocus(at: Position, key: string, ctrl: boolean, rows: number, cols: number): Position | null {
  const clamp = (row: number, col: number) => ({ row: Math.max(0, Math.min(rows - 1, row)), col: Math.max(0, Math.min(cols - 1, col)) });
  switch (key) {
    case 'ArrowUp':
      return clamp(at.row - 1, at.col);
    case 'ArrowDown':
      return clamp(at.row + 1, at.col);
    case 'ArrowLeft':
      return clamp(at.row, at.col - 1);
    case 'ArrowRight':
      return clamp(at.row, at.col + 1);
    case 'Home':
      return ctrl ? clamp(0, 0) : clamp(at.row, 0);
    case 'End':
      return ctrl ? clamp(rows - 1, cols - 1) : clamp(at.row, cols - 1);
    case 'PageUp':
      return clamp(at.row - 5, at.col);
    case 'PageDown':
      return clamp(at.row + 5, at.col);
    default:
      return null;
  }
}

/** "Accepted as evidence", "Dismissed: why", or null while undecided. */
export function decisionWords(p: Passage): string | null {
  if (p.decision === 'accepted') return 'Accepted as evidence';
  if (p.decision === 'dismissed') return `Dismissed: ${p.decisionReason}`;
  return null;
}

/** "p. 4" or "pp. 4–5" for a passage across a page break. */
export const pagesLabel = (page: number, endPage: number) => (endPage > page ? `pp. ${page}–${endPage}` : `p. ${page}`);
