// Campaign Zero's "8 Can't Wait" indicators, answered yes / partial / no from the pre-review
// stances (PREREVIEW.md, "The 8 Can't Wait scorecard, from the stances"). Pure: the case view,
// the packet and the CLI derive the same eight rows from the same findings.
//
// Two readings the table leaves open, settled here:
// - "no text: needs OCR" is never a yes. A rule that could not be read counts as not found
//   (Campaign Zero counts only a firm rule that is there), so the answer is what the readable
//   text supports — usually "no" — and the row names the unread documents, so nobody takes that
//   "no" for "the policy lacks it": the answer may change once the scans are OCRed.
// - A stance resting only on a document that directs nobody (an FAQ) is "described, not
//   directed": it is no firm rule, so it is never a yes; it is evidence of practice, so a yes it
//   would have earned counts as partial.
import type { CaseDocument, CaseRuleFinding } from './case.ts';
import { RULES } from './rules/index.ts';
import { NO_TEXT, type DocumentPrereview, type RuleId } from './types.ts';

export type ScorecardAnswer = 'yes' | 'partial' | 'no';

export interface ScorecardPage {
  documentId: string;
  title: string;
  page: number;
  ruleId: RuleId;
}

export interface ScorecardRow {
  /** Stable id, e.g. 'requires-de-escalation'. */
  indicator: string;
  label: string;
  answer: ScorecardAnswer;
  /** The stances the answer rests on, one per rule the indicator reads. */
  basis: Array<{ ruleId: RuleId; stance: string }>;
  /** The pages of the passages that decide the answer (none when nothing was found). */
  pages: ScorecardPage[];
  /** The answer rests on a document that directs nobody (an FAQ): described, not directed. */
  describedOnly: boolean;
  /**
   * Documents (titles) that could not be read for these rules, where that could change the answer
   * (anything short of yes, or a ban): it may change once they are OCRed.
   */
  unread: string[];
  /** Why, in words: the answer's reading of the stances, and what limits it. */
  note: string;
}

/** One rule's stance as the scorecard needs it, from a case or from one document. */
export interface ScorecardInput {
  stance: string;
  /** The deciding passages: document and pages. */
  sources: Array<{ documentId: string; title: string; page: number; endPage: number }>;
  describedOnly: boolean;
  unread: string[];
}

type Simple = { id: string; label: string; rule: RuleId; yes: string; partial: string | null };

const SIMPLE: Simple[] = [
  { id: 'requires-de-escalation', label: 'Requires de-escalation', rule: 'de-escalation', yes: 'required', partial: 'encouraged' },
  { id: 'duty-to-intervene', label: 'Duty to intervene', rule: 'duty-to-intervene', yes: 'required', partial: 'report_only' },
  { id: 'requires-warning-before-shooting', label: 'Requires warning before shooting', rule: 'warning-before-deadly-force', yes: 'required', partial: 'encouraged' },
  { id: 'bans-shooting-at-moving-vehicles', label: 'Bans shooting at moving vehicles', rule: 'moving-vehicles', yes: 'prohibited', partial: 'restricted' },
  { id: 'requires-comprehensive-reporting', label: 'Requires comprehensive reporting', rule: 'comprehensive-reporting', yes: 'all_force_incl_pointing', partial: 'partial' },
  { id: 'requires-exhausting-alternatives', label: 'Requires exhausting all alternatives', rule: 'exhaust-alternatives', yes: 'required', partial: 'encouraged' },
  { id: 'has-use-of-force-continuum', label: 'Has a use-of-force continuum', rule: 'force-continuum', yes: 'present', partial: null },
];

const CHOKEHOLDS = { id: 'bans-chokeholds-and-strangleholds', label: 'Bans chokeholds and strangleholds' };

/** The indicators in Campaign Zero's order. */
export const SCORECARD_INDICATORS: ReadonlyArray<{ id: string; label: string; rules: readonly RuleId[] }> = [
  { id: SIMPLE[0]!.id, label: SIMPLE[0]!.label, rules: [SIMPLE[0]!.rule] },
  { id: CHOKEHOLDS.id, label: CHOKEHOLDS.label, rules: ['chokehold', 'vascular'] },
  ...SIMPLE.slice(1).map((s) => ({ id: s.id, label: s.label, rules: [s.rule] as const })),
];

export const ANSWER_WORDS: Record<ScorecardAnswer, string> = { yes: 'Yes', partial: 'Partial', no: 'No' };

const words = (stance: string) => (stance === NO_TEXT ? 'no text: needs OCR' : stance.replace(/_/g, ' '));
const prohibits = (stance: string) => stance.startsWith('prohibited_');

function pagesOf(inputs: Array<[RuleId, ScorecardInput]>): ScorecardPage[] {
  const seen = new Set<string>();
  const out: ScorecardPage[] = [];
  for (const [ruleId, x] of inputs)
    for (const s of x.sources)
      for (let page = s.page; page <= Math.max(s.page, s.endPage); page++) {
        const key = `${s.documentId}|${page}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ documentId: s.documentId, title: s.title, page, ruleId });
      }
  // In reading order: document by document, page by page.
  const firstSeen = [...new Set(out.map((p) => p.documentId))];
  return out.sort((a, b) => firstSeen.indexOf(a.documentId) - firstSeen.indexOf(b.documentId) || a.page - b.page);
}

function finish(indicator: { id: string; label: string }, raw: ScorecardAnswer, deciding: Array<[RuleId, ScorecardInput]>, all: Array<[RuleId, ScorecardInput]>, why: string): ScorecardRow {
  // Only the rules that earned the answer can make it described-only; a rule found nowhere cannot.
  const describedOnly = raw !== 'no' && deciding.some(([, x]) => x.describedOnly);
  const answer: ScorecardAnswer = describedOnly && raw === 'yes' ? 'partial' : raw;
  // An unread document can only change the answer where it might hold a rule that governs: any
  // answer short of yes, or a ban, which a permission in the unread text would undo. A firm
  // requirement found elsewhere stands whatever the scans say.
  const canChange = answer !== 'yes' || all.some(([id]) => RULES[id].kind === 'prohibition');
  const unread = canChange ? [...new Set(all.flatMap(([, x]) => (x.stance === NO_TEXT && x.unread.length === 0 ? ['every document'] : x.unread)))] : [];
  const notes = [why];
  if (describedOnly) notes.push('described, not directed: only a document that directs nobody (an FAQ) says so, and the scorecard counts a firm rule only');
  // Said the same whether OCR is still to come, was stopped or failed (a packet is read later).
  if (unread.length) notes.push(`${unread.join(', ')} could not be read in full (scanned pages without text), so this answer may change once ${unread.length === 1 ? 'it is' : 'they are'} read`);
  return {
    indicator: indicator.id,
    label: indicator.label,
    answer,
    basis: all.map(([ruleId, x]) => ({ ruleId, stance: x.stance })),
    pages: raw === 'no' && deciding.length === 0 ? [] : pagesOf(deciding),
    describedOnly,
    unread,
    note: `${notes.join('; ')}.`,
  };
}

function simpleRow(s: Simple, x: ScorecardInput): ScorecardRow {
  const all: Array<[RuleId, ScorecardInput]> = [[s.rule, x]];
  if (x.stance === s.yes) return finish(s, 'yes', all, all, `${s.rule}: ${words(x.stance)}`);
  if (s.partial && x.stance === s.partial) return finish(s, 'partial', all, all, `${s.rule}: ${words(x.stance)}`);
  return finish(s, 'no', [], all, `${s.rule}: ${words(x.stance)}`);
}

/**
 * Both neck restraints banned (outright or except where deadly force is justified): yes; one
 * banned and the other not addressed: partial; either permitted, or neither addressed: no.
 */
function chokeholdRow(choke: ScorecardInput, vasc: ScorecardInput): ScorecardRow {
  const all: Array<[RuleId, ScorecardInput]> = [['chokehold', choke], ['vascular', vasc]];
  const why = `chokehold: ${words(choke.stance)}, vascular: ${words(vasc.stance)}`;
  const permitted = all.filter(([, x]) => x.stance === 'permitted');
  if (permitted.length) return finish(CHOKEHOLDS, 'no', permitted, all, why);
  const banned = all.filter(([, x]) => prohibits(x.stance));
  if (banned.length === 2) return finish(CHOKEHOLDS, 'yes', banned, all, why);
  // A neck restraint unread (needs OCR) counts as not addressed: it can only lower the answer.
  if (banned.length === 1) return finish(CHOKEHOLDS, 'partial', banned, all, why);
  return finish(CHOKEHOLDS, 'no', [], all, why);
}

export function scorecard(rules: Record<RuleId, ScorecardInput>): ScorecardRow[] {
  const bySimple = new Map(SIMPLE.map((s) => [s.id, s]));
  return SCORECARD_INDICATORS.map((ind) => (ind.id === CHOKEHOLDS.id ? chokeholdRow(rules.chokehold, rules.vascular) : simpleRow(bySimple.get(ind.id)!, rules[ind.rules[0]!])));
}

const SCORED_RULES: readonly RuleId[] = [...new Set(SCORECARD_INDICATORS.flatMap((i) => i.rules))];

/**
 * The scorecard of a case, from its aggregated stances: the deciding document's passages are the
 * pages. Given the documents too, a document with some pages unread (scans beside text) where it
 * did not address a rule is named as well, not only a document with no text at all; `unreadable`
 * names documents that could not be pre-reviewed at all.
 */
export function scorecardForCase(agg: Record<RuleId, CaseRuleFinding>, docs: CaseDocument[] = [], unreadable: string[] = []): ScorecardRow[] {
  const rules = {} as Record<RuleId, ScorecardInput>;
  for (const id of SCORED_RULES) {
    const f = agg[id];
    const partlyRead = docs.filter((d) => (d.result.rules[id]?.unreadPages?.length ?? 0) > 0).map((d) => d.title);
    rules[id] = {
      stance: f.stance,
      sources: f.decidedBy ? f.decidedBy.evidence.map((e) => ({ documentId: f.decidedBy!.documentId, title: f.decidedBy!.title, page: e.page, endPage: e.endPage })) : [],
      describedOnly: f.describedOnly,
      unread: [...new Set([...f.unread, ...partlyRead, ...unreadable])],
    };
  }
  return scorecard(rules);
}

/** The scorecard of one document (the CLI's per-document answer). */
export function scorecardForDocument(doc: { documentId: string; title: string; result: DocumentPrereview }): ScorecardRow[] {
  const rules = {} as Record<RuleId, ScorecardInput>;
  for (const id of SCORED_RULES) {
    const f = doc.result.rules[id];
    const unreadHere = f.stance === NO_TEXT || (f.unreadPages?.length ?? 0) > 0;
    rules[id] = {
      stance: f.stance,
      sources: f.evidence.map((e) => ({ documentId: doc.documentId, title: doc.title, page: e.page, endPage: e.endPage })),
      describedOnly: !doc.result.isDirective && f.evidence.length > 0,
      unread: unreadHere ? [doc.title] : [],
    };
  }
  return scorecard(rules);
}
