// Reads each unit for neck-restraint rules, separately for chokeholds (airway) and vascular
// restraints (blood flow). The `chokehold` and `vascular` rules are this reading, one category each.
import type { Unit } from '../text/segment.ts';
import type { Passage as EnginePassage } from '../types.ts';
import * as V from './neck-vocabulary.ts';

export type Stance = 'prohibited_outright' | 'prohibited_except_deadly_force' | 'permitted' | 'not_addressed';
export type Category = 'chokehold' | 'vascular';

export interface Passage {
  page: number;
  endPage: number;
  quote: string;
  category: Category;
  /** A rule's stance, or null for a mention that sets no rule. */
  stance: Exclude<Stance, 'not_addressed'> | null;
  reason: string;
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
  if (V.CONDITIONAL_PERMISSION.test(text) && !prohibits) return firm ? { stance: 'permitted', reason: 'allowed under conditions short of deadly force (a permission worded as a limit, or its place among force options)' } : null;
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
    if (previous && u.page > previous.endPage + 1) (leadIns = []), (previous = null), (lastNamed = null);
    if (u.leadIn) {
      // "Those can include:" leans on the sentence before it for its rule.
      const withContext = previous && !previous.listItem && !previous.leadIn && u.text.split(' ').length < 8 ? `${previous.text} ${u.text}` : u.text;
      leadIns = u.listItem ? [...leadIns, withContext] : [withContext];
    } else if (!u.listItem) {
      leadIns = [];
    }
    previous = u;

    let { cats, byKeyword } = categories(u.text);
    // A heading's topic is the section's, not the sentence's: under "7.2.4 Neck restraints" (both
    // kinds), "Choke holds are prohibited unless deadly force…" rules on chokeholds alone. The
    // heading counts only when the sentence names no restraint itself.
    if (u.headingEnd > 0) {
      const own = categories(u.text.slice(u.headingEnd));
      if (own.cats.size > 0) ({ cats, byKeyword } = own);
    }
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
    const note = (stance: Passage['stance'], reason: string) => cats.forEach((category) => out.push({ page: u.page, endPage: u.endPage, quote, category, stance, reason }));

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

export const NECK_CANDIDATE = /chok|strang|carotid|vascular|lvnr|neck|sleeper|windpipe|airway|trachea|respirat|breath|oxygen|blood flow|shoulder pin/i;

/** Both categories are read in one pass (a sentence often names both); each rule keeps its own. */
const memo = new WeakMap<Unit[], Passage[]>();
export function readNeck(units: Unit[], category: Category): EnginePassage[] {
  let all = memo.get(units);
  if (!all) {
    all = classifyUnits(units);
    memo.set(units, all);
  }
  return all.filter((p) => p.category === category).map((p) => ({ page: p.page, endPage: p.endPage, quote: p.quote, stance: p.stance, reason: p.reason }));
}
