import type { EvidenceStance } from '../../../../shared/schemas/checklist.ts';

// Stance is shown by an icon and a word as well as a colour, never by colour alone.
export const STANCE_LABEL: Record<EvidenceStance, string> = { supports: 'Supports', contradicts: 'Contradicts', context: 'Context' };
// The icon for each stance is StanceIcon in ui/icons.tsx (SVG: no emoji or symbol font needed).

export const LINT_STANCE_LABEL: Record<string, string> = {
  prohibited_outright: 'Prohibited outright',
  prohibited_except_deadly_force: 'Prohibited except where deadly force is allowed',
  permitted: 'Permitted short of deadly force',
  not_addressed: 'Not addressed',
};
