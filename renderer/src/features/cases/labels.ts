import type { CaseRecord } from '../../../../shared/schemas/case.ts';

export const STATUS_LABEL: Record<CaseRecord['status'], string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  returned: 'Returned',
  approved: 'Approved',
  signed: 'Signed',
  exported: 'Exported',
};

export const AGENCY_TYPE_LABEL: Record<NonNullable<CaseRecord['agencyType']>, string> = {
  municipal: 'Municipal',
  county: 'County',
  state: 'State',
  tribal: 'Tribal',
  campus: 'Campus',
  other: 'Other',
};

export const formatDate = (iso: string | null): string => {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
};
