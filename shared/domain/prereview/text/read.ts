// The reading every rule shares: find the sentences on the rule's subject, read each with its
// context (a list item with its lead-in, "This includes …" with the sentence before it), set
// aside the ones that set no rule, and let the rule say what the rest mean.
import type { Passage } from '../types.ts';
import { DEFINITION, FAQ_ANSWER, NO_SUCH_RULE, PURPOSE, TRAINING, FIRM, SOFT, PROHIBIT } from './modality.ts';
import type { Unit } from './segment.ts';

export interface Reading {
  /** The whole sentence, with its lead-in or the sentence it leans on. */
  text: string;
  /** The unit's own words (what is quoted). */
  own: string;
  leadIn: string | null;
}

export type Verdict = { stance: string; reason: string } | { mention: string } | null;

export interface TopicSpec {
  /** The words that put a sentence on the subject. */
  topic: RegExp;
  /** Sentences on the subject that are about something else (animals, victims, a dog's control). */
  offTopic?: Array<[RegExp, string]>;
  /** Definitions and training mentions still count for this rule (e.g. a continuum defined is a continuum). */
  keepDefinitions?: boolean;
  keepTraining?: boolean;
  /** The items of a list whose lead-in is on the subject are on it too ("Incidents that shall be reported include: (a) …"). */
  itemsOfTopicLeadIn?: boolean;
  classify(r: Reading): Verdict;
}

const DIRECTS = new RegExp(`${FIRM.source}|${SOFT.source}|${PROHIBIT.source}`, 'i');
const LEANS_BACK = /^(this|these|such|that|it)\b(?! (policy|order|directive|section)\b)/i;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function readTopic(units: Unit[], spec: TopicSpec): Passage[] {
  const out: Passage[] = [];
  let leadIns: string[] = [];
  let previous: Unit | null = null;
  for (const u of units) {
    // Units of pages that were skipped are not there: nothing before the gap leads into this one.
    if (previous && u.page > previous.endPage + 1) (leadIns = []), (previous = null);
    const before = previous;
    previous = u;
    if (u.leadIn) {
      // "These factors include:" leans on the sentence before it for its rule.
      const own = before && LEANS_BACK.test(u.text) && u.text.split(' ').length < 10 ? `${before.text} ${u.text}` : u.text;
      leadIns = u.listItem || u.inItem ? [...leadIns, own] : [own];
    } else if (!u.listItem && !u.inItem) leadIns = [];
    const onTopic = spec.topic.test(u.text) || (!!spec.itemsOfTopicLeadIn && (u.listItem || u.inItem) && leadIns.some((l) => spec.topic.test(l)));
    if (!onTopic) continue;
    // The whole chain of lead-ins: "The supervisor shall: … when a member does any of the following: a. Uses deadly force, including: 1) …".
    const chain = (u.listItem || u.inItem) && !u.leadIn ? leadIns : (u.listItem || u.inItem) && u.leadIn ? leadIns.slice(0, -1) : [];
    // The nearest lead-in that directs anyone governs; a lead-in that only names ("including:") defers to the one above it.
    let from = chain.length - 1;
    while (from > 0 && !DIRECTS.test(chain[from]!)) from--;
    const leadIn = chain.length ? chain.slice(Math.max(0, from)).join(' ') : null;
    // "This includes …" states its rule through the sentence before it.
    const own = before && LEANS_BACK.test(u.text) && before.endPage >= u.page - 1 && !before.leadIn ? `${before.text} ${u.text}` : u.text;
    const text = leadIn ? `${leadIn} ${own}` : own;
    const note = (stance: string | null, reason: string) => out.push({ page: u.page, endPage: u.endPage, quote: clip(u.text, 600), stance, reason });
    const off = spec.offTopic?.find(([re]) => re.test(u.text));
    if (off) {
      note(null, off[1]);
      continue;
    }
    if (NO_SUCH_RULE.test(u.text)) {
      note(null, 'says there is no such rule');
      continue;
    }
    if (PURPOSE.test(u.text)) {
      note(null, 'purpose statement, not a rule');
      continue;
    }
    if (FAQ_ANSWER.test(u.text) && !FIRM.test(u.text)) {
      note(null, 'a question, not a rule');
      continue;
    }
    // A definition may say what "may" happen; only a firm word or a ban makes it a rule.
    const directs = FIRM.test(u.text) || PROHIBIT.test(u.text) || (!!leadIn && DIRECTS.test(leadIn)) || (!DEFINITION.test(u.text) && DIRECTS.test(text));
    if (!spec.keepDefinitions && DEFINITION.test(u.text) && !directs) {
      note(null, 'definition only');
      continue;
    }
    if (!spec.keepTraining && TRAINING.test(u.text) && !/\b(shall|must|will) (use|render|intervene|intercede|give|provide|report|document)\b/i.test(u.text)) {
      note(null, 'training, not a rule for the field');
      continue;
    }
    const v = spec.classify({ text, own: u.text, leadIn });
    if (!v) note(null, 'mentioned, no rule for officers');
    else if ('mention' in v) note(null, v.mention);
    else note(v.stance, leadIn ? `${v.reason} (read with its lead-in “${clip(leadIn, 80)}”)` : v.reason);
  }
  return out;
}
