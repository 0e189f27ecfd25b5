// Shared by the per-rule tests: one rule's stance over a few pages of policy text.
import { prereviewDocument } from '../../../../shared/domain/prereview/engine.ts';
import type { RuleId } from '../../../../shared/domain/prereview/types.ts';

export const finding = (id: RuleId, ...pages: string[]) => prereviewDocument(pages, { rules: [id] }).rules[id];
export const stanceOf = (id: RuleId) => (...pages: string[]) => finding(id, ...pages).stance;
