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

/**
 * How a pre-review stance reads in the matrix: words first, and a tone that sets the chip's colour
 * and icon. The tone says how the rule stands against the standard: `firm` (a ban or a firm
 * requirement), `soft` (a limit, an encouragement, a partial rule), `against` (the restraint is
 * permitted), `none` (no rule found), `unread` (pages without text: needs OCR, which is not the
 * same as "not addressed"), `pending` (the document is still being read).
 */
export type PrereviewTone = 'firm' | 'soft' | 'against' | 'none' | 'unread' | 'pending';

export const PREREVIEW_STANCE: Record<string, { label: string; tone: PrereviewTone }> = {
  prohibited_outright: { label: 'Banned outright', tone: 'firm' },
  prohibited_except_deadly_force: { label: 'Bans except deadly force', tone: 'firm' },
  permitted: { label: 'Permitted', tone: 'against' },
  prohibited: { label: 'Banned', tone: 'firm' },
  restricted: { label: 'Restricted', tone: 'soft' },
  required: { label: 'Required', tone: 'firm' },
  encouraged: { label: 'Should (encouraged)', tone: 'soft' },
  report_only: { label: 'Report only', tone: 'soft' },
  all_force_incl_pointing: { label: 'All force, incl. pointing', tone: 'firm' },
  partial: { label: 'Partial', tone: 'soft' },
  present: { label: 'Present', tone: 'firm' },
  established: { label: 'Established', tone: 'firm' },
  absent: { label: 'Absent', tone: 'none' },
  not_addressed: { label: 'Not addressed', tone: 'none' },
  no_text_needs_ocr: { label: 'No text — needs OCR', tone: 'unread' },
};

/** A stance the screen has no words for yet (a newer rule set) still shows, in its own words. */
export function prereviewStance(stance: string): { label: string; tone: PrereviewTone } {
  return PREREVIEW_STANCE[stance] ?? { label: stance.replace(/_/g, ' '), tone: 'soft' };
}
