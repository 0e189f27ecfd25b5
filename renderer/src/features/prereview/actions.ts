// What the Pre-review screen asks of the workspace: decisions and adoptions go through it so the
// checklist, the highlights and the viewer reload together.
import type { DeterminationStatus } from '../../../../shared/schemas/checklist.ts';
import type { RuleId } from '../../../../shared/domain/prereview/types.ts';

/** A passage opened in the viewer from the Pre-review screen (the bar above the viewer shows it). */
export interface OpenedPassage {
  documentId: string;
  documentTitle: string;
  ruleId: RuleId;
  ruleLabel: string;
  page: number;
  endPage: number;
  quote: string;
  annotationId: string | null;
  decision: 'accepted' | 'dismissed' | null;
  decisionReason: string;
}

export interface PrereviewActions {
  decide(input: { documentId: string; rule: RuleId; page: number; quote: string; decision: 'accepted' | 'dismissed'; reason: string }): Promise<{ annotationId: string | null }>;
  adopt(input: { itemId: string; rationale?: string; status?: DeterminationStatus }): Promise<void>;
  openPassage(p: OpenedPassage): void;
}
