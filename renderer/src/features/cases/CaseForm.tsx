// New-case and edit-case form, in a modal dialog. Validates as you go with the same schema the
// main process uses, and shows the main process's own field errors if it still refuses.
import { useState } from 'react';
import { Modal } from '../../ui/Modal.tsx';
import { AGENCY_TYPES, JURISDICTIONS, caseCreateInput, type CaseRecord } from '../../../../shared/schemas/case.ts';
import { US_STATES } from '../../../../shared/us-states.ts';
import { ApiFailure, call, messageOf } from '../../api/client.ts';
import { AGENCY_TYPE_LABEL } from './labels.ts';

interface Props {
  existing?: CaseRecord;
  onSaved: (c: CaseRecord) => void;
  onCancel: () => void;
  /** Opens a case that already exists for the ORI typed (offered instead of a duplicate). */
  onOpenExisting?: (id: string) => void;
}

type Fields = { agencyName: string; ori: string; state: string; agencyType: string; jurisdiction: string; dueDate: string };

export function CaseForm({ existing, onSaved, onCancel, onOpenExisting }: Props) {
  const [f, setF] = useState<Fields>({
    agencyName: existing?.agencyName ?? '',
    ori: existing?.ori ?? '',
    state: existing?.state ?? '',
    agencyType: existing?.agencyType ?? '',
    jurisdiction: existing?.jurisdiction ?? '',
    dueDate: existing?.dueDate ?? '',
  });
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // A case for this ORI exists: the reviewer chooses to open it or to create another anyway.
  const [duplicate, setDuplicate] = useState<{ ori: string; id: string; agencyName: string } | null>(null);


  const input = {
    agencyName: f.agencyName,
    ori: f.ori,
    state: f.state,
    agencyType: (f.agencyType || null) as CaseRecord['agencyType'],
    jurisdiction: (f.jurisdiction || null) as CaseRecord['jurisdiction'],
    dueDate: f.dueDate || null,
  };
  const check = caseCreateInput.safeParse(input);
  const clientErrors: Record<string, string> = {};
  if (!check.success) for (const i of check.error.issues) clientErrors[i.path.join('.')] ??= i.message;
  if (!f.agencyType) clientErrors.agencyType ??= 'Choose the kind of agency.';
  if (!f.jurisdiction) clientErrors.jurisdiction ??= 'Choose urban or rural.';
  const errorFor = (k: keyof Fields) => (touched[k] ? clientErrors[k] : undefined) ?? serverErrors[k];

  const set = (k: keyof Fields) => (e: { target: { value: string } }) => {
    setF({ ...f, [k]: e.target.value });
    setServerErrors((s) => ({ ...s, [k]: '' }));
    if (k === 'ori' || k === 'state') setDuplicate(null);
  };
  const blur = (k: keyof Fields) => () => setTouched((t) => ({ ...t, [k]: true }));

  async function submit(allowDuplicateOri = false) {
    setTouched({ agencyName: true, ori: true, state: true, agencyType: true, jurisdiction: true, dueDate: true });
    if (Object.keys(clientErrors).length > 0) {
      const first = Object.keys(clientErrors)[0];
      document.querySelector<HTMLElement>(`#case-${first}`)?.focus();
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      onSaved(existing ? await call('cases.update', { id: existing.id, patch: input }) : await call('cases.create', { ...input, allowDuplicateOri }));
    } catch (err) {
      const existingId = err instanceof ApiFailure ? err.error.fields?.existingCaseId : undefined;
      if (existingId) {
        const other = await call('cases.get', { id: existingId }).catch(() => null);
        setDuplicate({ ori: input.ori.trim().toUpperCase(), id: existingId, agencyName: other?.agencyName ?? 'another agency' });
        return;
      }
      if (err instanceof ApiFailure && err.error.fields) setServerErrors(err.error.fields);
      setFormError(messageOf(err));
    } finally {
      setSaving(false);
    }
  }

  const field = (k: keyof Fields, label: string, control: React.ReactNode, hint?: string) => {
    const err = errorFor(k);
    return (
      <div className={`field${err ? ' invalid' : ''}`}>
        <label htmlFor={`case-${k}`}>{label}</label>
        {control}
        {hint && !err && <small id={`case-${k}-hint`}>{hint}</small>}
        {err && (
          <small id={`case-${k}-error`} className="error" role="alert">
            {err}
          </small>
        )}
      </div>
    );
  };
  const aria = (k: keyof Fields) => ({
    id: `case-${k}`,
    name: k,
    'aria-invalid': !!errorFor(k),
    'aria-describedby': errorFor(k) ? `case-${k}-error` : `case-${k}-hint`,
    onBlur: blur(k),
  });

  return (
    <Modal id="case-form" title={existing ? 'Edit case' : 'New case'} submitLabel={existing ? 'Save changes' : 'Create case'} error={formError} busy={saving} onClose={onCancel} onSubmit={() => submit()}>
        {duplicate && (
          <div className="dup-ori" role="alert">
            <strong>
              A case for <span className="mono">{duplicate.ori}</span> exists: {duplicate.agencyName}.
            </strong>{' '}
            Two cases for one agency split its evidence and its audit trail.
            <div className="actions-inline">
              {onOpenExisting && (
                <button type="button" className="primary" onClick={() => onOpenExisting(duplicate.id)}>
                  Open it
                </button>
              )}
              <button type="button" onClick={() => void submit(true)}>
                Create anyway
              </button>
            </div>
          </div>
        )}
        {field('agencyName', 'Agency name', <input {...aria('agencyName')} value={f.agencyName} onChange={set('agencyName')} autoFocus autoComplete="off" />)}
        <div className="row">
          {field('ori', 'ORI', <input {...aria('ori')} value={f.ori} onChange={set('ori')} maxLength={9} autoComplete="off" spellCheck={false} />, '9 characters, such as IL0160000')}
          {field(
            'state',
            'State',
            <select {...aria('state')} value={f.state} onChange={set('state')}>
              <option value="">Choose…</option>
              {Object.entries(US_STATES).map(([code, name]) => (
                <option key={code} value={code}>
                  {code} — {name}
                </option>
              ))}
            </select>,
          )}
        </div>
        <div className="row">
          {field(
            'agencyType',
            'Agency type',
            <select {...aria('agencyType')} value={f.agencyType} onChange={set('agencyType')}>
              <option value="">Choose…</option>
              {AGENCY_TYPES.map((t) => (
                <option key={t} value={t}>
                  {AGENCY_TYPE_LABEL[t]}
                </option>
              ))}
            </select>,
          )}
          {field(
            'jurisdiction',
            'Jurisdiction',
            <select {...aria('jurisdiction')} value={f.jurisdiction} onChange={set('jurisdiction')}>
              <option value="">Choose…</option>
              {JURISDICTIONS.map((j) => (
                <option key={j} value={j}>
                  {j === 'urban' ? 'Urban' : 'Rural'}
                </option>
              ))}
            </select>,
          )}
        </div>
        {field('dueDate', 'Review due', <input type="date" {...aria('dueDate')} value={f.dueDate} onChange={set('dueDate')} />, 'Optional')}
    </Modal>
  );
}
