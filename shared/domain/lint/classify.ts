// The chokehold lint: a view of the pre-review engine's two neck rules (`chokehold`, `vascular`)
// in the shape the app's lint screen and the `lint` command have always used.
import { prereviewDocument } from '../prereview/engine.ts';
import type { DocumentPrereview } from '../prereview/types.ts';
import type { Category, Stance } from '../prereview/rules/neck-restraints.ts';

export type { Category, Stance };

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

export function lintView(r: DocumentPrereview): LintResult {
  const view = (category: Category): CategoryFinding => {
    const f = r.rules[category];
    // A scan has no neck-restraint rule the lint could read; the lint's stances have no "needs OCR".
    const stance = (['prohibited_outright', 'prohibited_except_deadly_force', 'permitted'].includes(f.stance) ? f.stance : 'not_addressed') as Stance;
    return { stance, evidence: f.evidence.map((e) => ({ page: e.page, quote: e.quote, category, stance: stance === 'not_addressed' ? null : stance, reason: e.reason })) as Passage[] };
  };
  const chokehold = view('chokehold');
  const vascular = view('vascular');
  const mentions = (category: Category) => r.rules[category].mentions.map((m) => ({ page: m.page, quote: m.quote, category, stance: null, reason: m.why }));
  return { chokehold, vascular, isDirective: r.isDirective, passages: [...chokehold.evidence, ...vascular.evidence, ...mentions('chokehold'), ...mentions('vascular')] };
}

export function lintDocument(pages: string[], opts: { fileName?: string } = {}): LintResult {
  return lintView(prereviewDocument(pages, { fileName: opts.fileName, rules: ['chokehold', 'vascular'] }));
}
