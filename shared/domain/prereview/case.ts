// A case's stance per rule, across its documents (pure): for a prohibition the most permissive
// operative rule of any directive governs; for a requirement the strongest general one counts.
// It says which document decides, and flags conflicts (one order prohibits, another permits).
import { RULES } from './rules/index.ts';
import { NO_TEXT, RULE_IDS, type DocumentPrereview, type Evidence, type RuleId } from './types.ts';

export interface CaseDocument {
  documentId: string;
  title: string;
  result: DocumentPrereview;
}

export interface CaseRuleFinding {
  stance: string;
  /** The document whose rule sets the case's stance, or null when none addresses it. */
  decidedBy: { documentId: string; title: string; evidence: Evidence[] } | null;
  /** True when the stance rests only on documents that direct nobody (an FAQ): described, not directed. */
  describedOnly: boolean;
  /** Directives that set a different operative rule for the same item. */
  conflicts: Array<{ documentId: string; title: string; stance: string }>;
  /** Documents that could not be read (scans): the case's stance may be missing their rules. */
  unread: string[];
}

export function aggregateCase(docs: CaseDocument[]): Record<RuleId, CaseRuleFinding> {
  const out = {} as Record<RuleId, CaseRuleFinding>;
  for (const id of RULE_IDS) {
    const rule = RULES[id];
    const rank = (stance: string) => {
      const i = rule.order.indexOf(stance);
      return i < 0 ? Number.POSITIVE_INFINITY : i;
    };
    const addressed = docs.filter((d) => d.result.rules[id] && rule.order.includes(d.result.rules[id].stance));
    const unread = docs.filter((d) => d.result.rules[id]?.stance === NO_TEXT).map((d) => d.title);
    const directives = addressed.filter((d) => d.result.isDirective);
    const pool = directives.length > 0 ? directives : addressed;
    const best = [...pool].sort((a, b) => rank(a.result.rules[id].stance) - rank(b.result.rules[id].stance) || a.title.localeCompare(b.title))[0];
    if (!best) {
      out[id] = { stance: unread.length === docs.length && docs.length > 0 ? NO_TEXT : rule.none, decidedBy: null, describedOnly: false, conflicts: [], unread };
      continue;
    }
    const stance = best.result.rules[id].stance;
    const conflicts = directives
      .filter((d) => d !== best && d.result.rules[id].stance !== stance && (rule.kind === 'prohibition' || rule.kind === 'presence'))
      .map((d) => ({ documentId: d.documentId, title: d.title, stance: d.result.rules[id].stance }));
    out[id] = {
      stance,
      decidedBy: { documentId: best.documentId, title: best.title, evidence: best.result.rules[id].evidence },
      describedOnly: directives.length === 0,
      conflicts,
      unread,
    };
  }
  return out;
}
