// The shapes the pre-review engine produces: per document and rule a stance, the passages it
// rests on, and the mentions that set no rule. The screen, the scorecard and the CLI read these.
import type { Unit } from './text/segment.ts';

export const RULE_IDS = [
  'chokehold',
  'vascular',
  'de-escalation',
  'duty-to-intervene',
  'warning-before-deadly-force',
  'moving-vehicles',
  'warning-shots',
  'medical-aid',
  'force-ends-under-control',
  'exhaust-alternatives',
  'comprehensive-reporting',
  'force-continuum',
  'no-knock-warrants',
  'early-intervention',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Every page of the document lacked text (a scan): nothing can be read until it is OCRed. */
export const NO_TEXT = 'no_text_needs_ocr';

/**
 * How a document's rules combine: for a prohibition the most permissive operative rule governs;
 * for a requirement the strongest general one counts; for a presence the scheme exists or not.
 */
export type RuleKind = 'prohibition' | 'requirement' | 'presence';

export interface Passage {
  page: number;
  /** Where the passage ends: a sentence split by a page break is on both pages. */
  endPage: number;
  quote: string;
  /** The stance this passage states, or null for a mention that sets no rule. */
  stance: string | null;
  reason: string;
}

export interface Evidence {
  page: number;
  endPage: number;
  quote: string;
  reason: string;
}
export interface Mention {
  page: number;
  quote: string;
  why: string;
}

export interface RuleFinding {
  stance: string;
  evidence: Evidence[];
  mentions: Mention[];
  /**
   * Pages without text when no rule was found in the rest: the stance is only "not found in the
   * text", and these pages need OCR before anyone can say the item is not addressed.
   */
  unreadPages?: number[];
}

export interface DocumentPrereview {
  rulesVersion: string;
  /** False for a document that directs nobody (a public FAQ): its stances are described, not directed. */
  isDirective: boolean;
  /** 1-based pages that have no text (scans): they need OCR before they can be read. */
  pagesWithoutText: number[];
  rules: Record<RuleId, RuleFinding>;
}

export interface RuleDef {
  id: RuleId;
  /** The checklist item it answers (packs name rules by id, so a state's pack can reuse them). */
  item: string;
  kind: RuleKind;
  /**
   * Stances from the one that governs first to the one that yields (see RuleKind); `none` is
   * what a document without any rule gets (not_addressed, or absent).
   */
  order: readonly string[];
  none: string;
  /** Cheap test for a unit worth reading: most of a 700-page manual is skipped by it. */
  candidate: RegExp;
  read(units: Unit[]): Passage[];
}
