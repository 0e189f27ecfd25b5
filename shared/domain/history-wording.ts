// The audit trail in plain words: one sentence per entry, from the entry and the names looked up
// for it ("Ana Reviewer linked p. 4 of 205-P to Chokeholds"). Pure: the app, the CLI and the
// tests word history the same way.

/** The parts of an audit entry the sentence needs. */
export interface HistoryEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
}

/**
 * Names for the things an entry touched, looked up by the caller. Values that describe a state
 * (a status, a level, a title) are given only when known to be the state this entry recorded;
 * otherwise the sentence says a change was made without claiming what it was.
 */
export interface HistoryNames {
  /** The document: its agency number (205-P) when it has one, and its title. */
  document?: { title: string; number: string | null };
  /** Pages of a highlight, as people count them. */
  pages?: { from: number; to: number };
  /** Checklist item titles: the item decided, or the items a highlight is linked to. */
  items?: string[];
  /** A determination's label (Met, Not met…), when this entry is known to have set it. */
  status?: string;
  rubric?: string;
  criterion?: string;
  /** A score's level, when this entry is known to have set it. */
  level?: number;
  /** A document's title, when this entry is known to have set it. */
  newTitle?: string;
  /** For cases.archive: whether this entry archived (true) or restored (false) the case, when known. */
  archived?: boolean;
  /** For a lint decision: accepted or dismissed, when known. */
  decision?: 'accepted' | 'dismissed';
  /** For a lint decision: which restraint. */
  category?: string;
}

/** "Ana Reviewer <ana@body.example>" → "Ana Reviewer": the e-mail is in the raw entry. */
export function personName(actor: string): string {
  const m = /^(.*\S)\s*<[^<>]*>$/.exec(actor);
  return m ? m[1]! : actor;
}

const quoted = (s: string) => `“${s}”`;

function documentName(d: HistoryNames['document']): string {
  if (!d) return 'a document';
  return d.number ? d.number : quoted(d.title);
}

function pagesOf(n: HistoryNames): string {
  const p = n.pages;
  const where = p ? (p.from === p.to ? `p. ${p.from}` : `pp. ${p.from}–${p.to}`) : 'a passage';
  return `${where} of ${documentName(n.document)}`;
}

const list = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const itemName = (n: HistoryNames) => (n.items?.length ? list(n.items) : 'a checklist item');
const criterionName = (n: HistoryNames) => `${n.criterion ?? 'a criterion'}${n.rubric ? ` (${n.rubric})` : ''}`;

export function describeAuditEntry(e: HistoryEntry, n: HistoryNames = {}): string {
  const who = personName(e.actor);
  const doc = documentName(n.document);
  const fullDoc = n.document ? (n.document.number ? `${n.document.number} ${quoted(n.document.title)}` : quoted(n.document.title)) : 'a document';
  switch (e.action) {
    case 'cases.create':
      return `${who} created the case`;
    case 'cases.update':
      return `${who} edited the case details`;
    case 'cases.archive':
      return n.archived === undefined ? `${who} archived or restored the case` : `${who} ${n.archived ? 'archived' : 'restored'} the case`;
    case 'documents.import':
    case 'documents.importFiles':
      return `${who} imported ${fullDoc}`;
    case 'documents.replace':
      return `${who} replaced ${doc} with a revised version`;
    case 'documents.replaceAfterOcr':
      return `${who} had the revised version of ${doc} read by OCR: its highlights followed their words onto it`;
    case 'annotations.reread':
      return `${who} had pages of ${doc} read again by OCR: its highlights followed their words`;
    case 'ocr.readTextLayer':
      return `${who} had pages of ${doc} read by OCR instead of the file's own text (a scanner's reading)`;
    case 'annotations.backToFileText':
      return `${who} put pages of ${doc} back on the file's own text: its highlights followed their words`;
    case 'ocr.useFileText':
      return `${who} put pages of ${doc} back on the file's own text instead of OCR's reading`;
    case 'documents.update':
      // The trail keeps a hash of each state, not the state: the earlier title and which field
      // changed cannot be told, only what the document was called after this edit.
      if (n.newTitle !== undefined) return `${who} renamed or renumbered a document: now ${n.document?.number ? `${n.document.number} ` : ''}${quoted(n.newTitle)}`;
      return `${who} edited the title, number or date of ${fullDoc} (since changed again)`;
    case 'documents.removeFromCase':
      return `${who} removed ${fullDoc} from the case (its highlights kept, marked)`;
    case 'documents.restoreToCase':
      return `${who} put ${fullDoc} back in the case`;
    case 'annotations.create':
      return n.items?.length ? `${who} linked ${pagesOf(n)} to ${list(n.items)}` : `${who} highlighted ${pagesOf(n)}`;
    case 'annotations.update':
      return `${who} changed the highlight on ${pagesOf(n)}${n.items?.length ? ` (linked to ${list(n.items)})` : ''}`;
    case 'annotations.delete':
      return `${who} deleted the highlight on ${pagesOf(n)}`;
    case 'annotations.restore':
      return `${who} restored the highlight on ${pagesOf(n)}`;
    case 'determinations.set':
      return n.status ? `${who} set ${itemName(n)} to ${n.status}` : `${who} changed the determination on ${itemName(n)}`;
    case 'determinations.clear':
      return `${who} cleared the determination on ${itemName(n)}`;
    case 'lint.decide': {
      const what = `${n.category ?? 'a'} lint finding on ${pagesOf(n)}`;
      return n.decision ? `${who} ${n.decision} the ${what}` : `${who} decided on the ${what}`;
    }
    case 'prereview.decide': {
      const what = `${n.category ?? 'a'} pre-review finding on ${pagesOf(n)}`;
      return n.decision ? `${who} ${n.decision} the ${what}` : `${who} decided on the ${what}`;
    }
    case 'prereview.adopt':
      return `${who} adopted the suggested determination on ${itemName(n)}${n.status ? `: ${n.status}` : ''}`;
    case 'prereview.adopt-edited':
      return `${who} adopted, edited, the suggested determination on ${itemName(n)}${n.status ? `: ${n.status}` : ''}`;
    case 'rubrics.score':
      return n.level !== undefined ? `${who} scored ${criterionName(n)} at level ${n.level}` : `${who} scored ${criterionName(n)}`;
    case 'rubrics.consensus':
      return n.level !== undefined ? `${who} recorded the consensus on ${criterionName(n)}: level ${n.level}` : `${who} recorded the consensus on ${criterionName(n)}`;
    case 'review.submitted':
      return `${who} submitted the case for review`;
    case 'review.returned':
      return `${who} returned the case to the reviewer with comments`;
    case 'review.approved':
      return `${who} approved the case`;
    case 'packet.signed':
      return `${who} signed the review packet`;
    case 'review.signed':
      return `${who} marked the case signed`;
    case 'review.exported':
      return `${who} exported the signed packet`;
    case 'review.exported-again':
      return `${who} exported the signed packet again`;
    default:
      // An action this version does not know (a newer one, or another tool's): say what is sure.
      return `${who} made a change recorded as “${e.action}” (${e.entity} ${e.entityId})`;
  }
}
