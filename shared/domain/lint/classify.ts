// Reads each unit for neck-restraint rules, separately for chokeholds (airway) and vascular
// restraints (blood flow), and derives one stance per document.
import type { Unit } from './segment.ts';
import { segment } from './segment.ts';
import * as V from './vocabulary.ts';

export type Stance = 'prohibited_outright' | 'prohibited_except_deadly_force' | 'permitted' | 'not_addressed';
export type Category = 'chokehold' | 'vascular';

export interface Passage {
  page: number;
  quote: string;
  category: Category;
  /** A rule's stance, or null for a mention that sets no rule. */
  stance: Exclude<Stance, 'not_addressed'> | null;
  reason: string;
}

export interface CategoryFinding {
  stance: Stance;
  /** The passages the stance rests on (rules of that stance), in page order. */
  evidence: Passage[];
}

export interface LintResult {
  chokehold: CategoryFinding;
  vascular: CategoryFinding;
  /** False for a document that describes policy without directing officers (a public FAQ). */
  isDirective: boolean;
  /** Every mention read, with why it counted or not. */
  passages: Passage[];
}

const ANAPHORA = /^(these|this|such|those|the) (techniques?|holds?|restraints?|maneuvers?|tactics?)\b|^they\b/i;

const any = (res: RegExp[], s: string) => res.some((r) => r.test(s));

function categories(text: string): { cats: Set<Category>; byKeyword: boolean } {
  const cats = new Set<Category>();
  // "carotid chokehold" is a vascular hold that borrows the word.
  const t = text.replace(/carotid\s+choke[\s-]?holds?/gi, 'carotid restraint');
  let byKeyword = false;
  if (any(V.CHOKEHOLD_TERMS, t)) (cats.add('chokehold'), (byKeyword = true));
  if (any(V.VASCULAR_TERMS, t)) (cats.add('vascular'), (byKeyword = true));
  if (any(V.GENERIC_TERMS, t)) (cats.add('chokehold'), cats.add('vascular'), (byKeyword = true));
  if (!cats.has('chokehold') && any(V.CHOKEHOLD_DESCRIPTIONS, t)) cats.add('chokehold');
  if (!cats.has('vascular') && any(V.VASCULAR_DESCRIPTIONS, t)) cats.add('vascular');
  return { cats, byKeyword };
}

type Verdict = { stance: Passage['stance']; reason: string } | null;

/** The rule a sentence states, if any. */
function ruleOf(text: string, firm: boolean): Verdict {
  const exception = any(V.DEADLY_EXCEPTION, text);
  const weak = any(V.WEAK_TRIGGERS, text);
  const prohibits = V.PROHIBITION.test(text);
  const discourages = V.DISCOURAGEMENT.test(text);
  if (exception) return { stance: 'prohibited_except_deadly_force', reason: 'allowed only where deadly force is, or classed as deadly force' };
  // "Life threatening", "should avoid … whenever practical": a rule, but short of the deadly-force standard.
  if (weak) return firm ? { stance: 'permitted', reason: 'allowed under a trigger short of the deadly-force standard' } : null;
  if (prohibits) return { stance: 'prohibited_outright', reason: 'prohibited with no deadly-force exception' };
  if (discourages) return firm ? { stance: 'permitted', reason: 'discouraged, not prohibited' } : null;
  if (V.PERMISSION.test(text)) return firm ? { stance: 'permitted', reason: 'expressly allowed' } : null;
  return null;
}

/** What the nearest lead-in with a signal says about the items of its list. */
function ruleOfLeadIns(leadIns: string[]): Verdict {
  for (let i = leadIns.length - 1; i >= 0; i--) {
    const l = leadIns[i]!;
    const r = ruleOf(l, true);
    if (r) return { stance: r.stance, reason: `listed under “${l.slice(0, 90)}${l.length > 90 ? '…' : ''}”: ${r.reason}` };
    if (V.PERMISSION_LEADIN.test(l)) return { stance: 'permitted', reason: `listed among force options (“${l.slice(0, 90)}”)` };
  }
  return null;
}

export function classifyUnits(units: Unit[]): Passage[] {
  const out: Passage[] = [];
  let leadIns: string[] = [];
  let previous: Unit | null = null;
  let lastNamed: { text: string; page: number; cats: Set<Category>; byKeyword: boolean } | null = null;
  for (const u of units) {
    if (u.leadIn) {
      // "Those can include:" leans on the sentence before it for its rule.
      const withContext = previous && !previous.listItem && !previous.leadIn && u.text.split(' ').length < 8 ? `${previous.text} ${u.text}` : u.text;
      leadIns = u.listItem ? [...leadIns, withContext] : [withContext];
    } else if (!u.listItem) {
      leadIns = [];
    }
    previous = u;

    let { cats, byKeyword } = categories(u.text);
    let text = u.text;
    // "These techniques … are considered deadly force": the rule is in a sentence that only
    // points back at the restraints named in the sentence before.
    if (cats.size === 0 && lastNamed && ANAPHORA.test(u.text) && lastNamed.page >= u.page - 1) {
      ({ cats, byKeyword } = lastNamed);
      text = `${lastNamed.text} ${u.text}`;
    }
    if (cats.size === 0) {
      lastNamed = null;
      continue;
    }
    lastNamed = { text: u.text, page: u.page, cats, byKeyword };
    const quote = text.length > 400 ? `${text.slice(0, 397)}…` : text;
    const note = (stance: Passage['stance'], reason: string) => cats.forEach((category) => out.push({ page: u.page, quote, category, stance, reason }));

    const distractor = V.DISTRACTORS.find(([re]) => re.test(text));
    if (distractor) {
      note(null, distractor[1]);
      continue;
    }
    if (V.TRAINING_HISTORY.test(text) && !V.PROHIBITION.test(text.replace(V.TRAINING_HISTORY, ''))) {
      note(null, 'training history, not a rule');
      continue;
    }
    const own = ruleOf(text, byKeyword);
    if (own) {
      note(own.stance, own.reason);
      continue;
    }
    if (u.listItem && !u.leadIn && leadIns.length > 0 && byKeyword) {
      const inherited = ruleOfLeadIns(u.leadIn ? leadIns.slice(0, -1) : leadIns);
      if (inherited) {
        note(inherited.stance, inherited.reason);
        continue;
      }
    }
    note(null, V.DEFINITION.test(text) ? 'definition only' : byKeyword ? 'mentioned, no rule for officers' : 'description without a rule');
  }
  return out;
}

const PRECEDENCE: Array<Exclude<Stance, 'not_addressed'>> = ['permitted', 'prohibited_except_deadly_force', 'prohibited_outright'];

/**
 * One stance per category for the whole document. When passages disagree, the most permissive
 * rule governs what an officer may do: a permission short of deadly force anywhere makes the
 * restraint `permitted`; otherwise any deadly-force exception makes it
 * `prohibited_except_deadly_force` (a narrower outright ban elsewhere, such as "to prevent the
 * destruction of evidence", does not remove the exception); otherwise `prohibited_outright`.
 */
export function deriveStance(passages: Passage[], category: Category): CategoryFinding {
  const rules = passages.filter((p) => p.category === category && p.stance);
  for (const stance of PRECEDENCE) {
    const evidence = rules.filter((p) => p.stance === stance);
    if (evidence.length) return { stance, evidence };
  }
  return { stance: 'not_addressed', evidence: [] };
}

const FAQ = /\bfrequently asked questions\b|\bFAQs?\b/;

/** Pages worth reading: any mention of the neck, breathing or blood flow, with a page either side (lead-ins, "These techniques"). */
const CANDIDATE = /chok|strang|carotid|vascular|lvnr|neck|sleeper|windpipe|airway|trachea|respirat|breath|oxygen|blood flow|shoulder pin/i;

export function lintDocument(pages: string[], opts: { fileName?: string } = {}): LintResult {
  const keep = new Set<number>();
  pages.forEach((p, i) => {
    if (CANDIDATE.test(p)) for (const j of [i - 1, i, i + 1]) if (j >= 0 && j < pages.length) keep.add(j);
  });
  const units = segment(pages, keep);
  const passages = classifyUnits(units);
  const qLines = pages.join('\n').split('\n').filter((l) => /^\s*Q[.:]\s/.test(l)).length;
  const isDirective = !(FAQ.test(opts.fileName ?? '') || FAQ.test(pages[0] ?? '') || qLines >= 3);
  return { chokehold: deriveStance(passages, 'chokehold'), vascular: deriveStance(passages, 'vascular'), isDirective, passages };
}
