// The pre-review engine: a document's page text in, for every rule of PREREVIEW.md its stance,
// the passages the stance rests on and the mentions that set no rule. Pure: no I/O, so the app
// (in a worker), the CLI and the eval all run the same reading.
import { segment, type Unit } from './text/segment.ts';
import { isDirective } from './text/directive.ts';
import { RULES, RULES_VERSION } from './rules/index.ts';
import { NO_TEXT, RULE_IDS, type DocumentPrereview, type Passage, type RuleDef, type RuleFinding, type RuleId } from './types.ts';

/** A case view shows at most this many passages per document and rule; the rest stay as mentions. */
export const MAX_EVIDENCE = 6;

export function deriveFinding(rule: RuleDef, passages: Passage[]): RuleFinding {
  const mentions = passages.filter((p) => !p.stance).map((p) => ({ page: p.page, quote: p.quote, why: p.reason }));
  for (const stance of rule.order) {
    const rules = passages.filter((p) => p.stance === stance);
    if (rules.length === 0) continue;
    const seen = new Set<string>();
    const evidence = rules
      .filter((p) => (seen.has(`${p.page}|${p.quote}`) ? false : (seen.add(`${p.page}|${p.quote}`), true)))
      .slice(0, MAX_EVIDENCE)
      .map((p) => ({ page: p.page, endPage: p.endPage, quote: p.quote, reason: p.reason }));
    // Rules of a yielding stance are not evidence of this one, but the reviewer should see them.
    const others = passages.filter((p) => p.stance && p.stance !== stance).map((p) => ({ page: p.page, quote: p.quote, why: `also a rule (${p.stance!.replace(/_/g, ' ')}): ${p.reason}; a more ${rule.kind === 'prohibition' ? 'permissive' : 'demanding'} rule governs` }));
    return { stance, evidence, mentions: [...others, ...mentions] };
  }
  return { stance: rule.none, evidence: [], mentions };
}

/** 1-based pages worth a rule's reading: those its words are on, with a page either side (lead-ins, "These techniques"). */
function pagesFor(rule: RuleDef, flat: string[]): Set<number> {
  const keep = new Set<number>();
  flat.forEach((p, i) => {
    if (rule.candidate.test(p)) for (const j of [i, i + 1, i + 2]) if (j >= 1 && j <= flat.length) keep.add(j);
  });
  return keep;
}

export function prereviewDocument(pages: string[], opts: { fileName?: string; rules?: RuleId[] } = {}): DocumentPrereview {
  const pagesWithoutText = pages.flatMap((p, i) => (p.trim() ? [] : [i + 1]));
  const ids = opts.rules ?? [...RULE_IDS];
  const rules = {} as Record<RuleId, RuleFinding>;
  if (pages.length === 0 || pagesWithoutText.length === pages.length) {
    for (const id of ids) rules[id] = { stance: NO_TEXT, evidence: [], mentions: [] };
    return { rulesVersion: RULES_VERSION, isDirective: true, pagesWithoutText, rules };
  }
  // Split words ("warning  shot", "de-\nescalation") would otherwise hide a page: units are read with whitespace collapsed.
  const flat = pages.map((p) => p.replace(/-\n(?=[a-z])/g, '').replace(/\s+/g, ' '));
  const wanted = new Map(ids.map((id) => [id, pagesFor(RULES[id], flat)]));
  // Only pages some rule wants are segmented (most of a 700-page manual is not); running headers
  // are still found from every page, and no sentence joins across a skipped page.
  const union = new Set([...wanted.values()].flatMap((s) => [...s].map((p) => p - 1)));
  const units = segment(pages, union);
  const cache = new Map<RegExp, Unit[]>();
  for (const id of ids) {
    const rule = RULES[id];
    // Rules that share a candidate pattern (chokehold and vascular) share one unit list, so a
    // reading memoised per list is done once.
    let mine = cache.get(rule.candidate);
    const keep = wanted.get(id)!;
    if (!mine) cache.set(rule.candidate, (mine = units.filter((u) => keep.has(u.page) || keep.has(u.endPage))));
    const finding = deriveFinding(rule, rule.read(mine));
    if (finding.stance === rule.none && pagesWithoutText.length > 0) finding.unreadPages = pagesWithoutText;
    rules[id] = finding;
  }
  return { rulesVersion: RULES_VERSION, isDirective: isDirective(pages, opts.fileName), pagesWithoutText, rules };
}
