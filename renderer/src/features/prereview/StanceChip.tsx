// A pre-review stance as a chip: the words, an icon for its tone and a colour — never colour alone.
import type { ReactElement } from 'react';
import type { PrereviewTone } from '../checklist/stance.ts';
import { IconCheck, IconClock, IconCross, IconDash, IconHalf, IconWarning } from '../../ui/icons.tsx';

const ICON: Record<PrereviewTone, () => ReactElement> = {
  firm: IconCheck,
  soft: IconHalf,
  against: IconCross,
  none: IconDash,
  unread: IconWarning,
  pending: IconClock,
};

export function StanceChip({ label, tone }: { label: string; tone: PrereviewTone }) {
  const Icon = ICON[tone];
  return (
    <span className={`pr-chip tone-${tone}`}>
      <Icon /> {label}
    </span>
  );
}
