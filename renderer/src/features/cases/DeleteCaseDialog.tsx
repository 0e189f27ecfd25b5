// Deleting a case takes its audit trail with it, so only a draft case in which nothing has been
// decided can go, and only once its agency's name is typed back. Anything else is archived:
// the dialog says so, and offers that instead when the workspace refuses.
import { useState } from 'react';
import type { CaseRecord } from '../../../../shared/schemas/case.ts';
import { ApiFailure, call, messageOf } from '../../api/client.ts';
import { Modal } from '../../ui/Modal.tsx';

interface Props {
  caseRecord: CaseRecord;
  onDeleted: () => void;
  onArchived: () => void;
  onClose: () => void;
}

export function DeleteCaseDialog({ caseRecord: c, onDeleted, onArchived, onClose }: Props) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);
  const [busy, setBusy] = useState(false);
  const matches = typed.trim().toLowerCase() === c.agencyName.trim().toLowerCase();
  return (
    <Modal
      id="delete-case"
      title={`Delete the case for ${c.agencyName}?`}
      submitLabel="Delete case"
      error={error}
      busy={busy}
      submitDisabled={!matches || refused}
      onClose={onClose}
      onSubmit={async () => {
        setBusy(true);
        try {
          await call('cases.delete', { id: c.id, confirmAgencyName: typed });
          onDeleted();
        } catch (e) {
          setRefused(e instanceof ApiFailure && e.error.code === 'conflict');
          setError(messageOf(e));
        } finally {
          setBusy(false);
        }
      }}
    >
      <p>
        Deleting removes the case, its highlights and <strong>its audit trail</strong> for good. It is meant for a case opened by
        mistake: only a draft case in which nothing has been decided (no determinations, scores or workflow steps) can be
        deleted. Any other case can only be archived, which hides it from the list and keeps everything; archived cases can be
        restored.
      </p>
      <p className="subtle">
        {c.documentCount} {c.documentCount === 1 ? 'document' : 'documents'} · status {c.status}. The PDFs stay in the workspace
        for other cases that use them.
      </p>
      <div className="field">
        <label htmlFor="delete-case-name">
          Type <strong>{c.agencyName}</strong> to confirm
        </label>
        <input id="delete-case-name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
      </div>
      {refused && !c.archived && (
        <button
          type="button"
          onClick={async () => {
            try {
              await call('cases.archive', { id: c.id, archived: true });
              onArchived();
            } catch (e) {
              setError(messageOf(e));
            }
          }}
        >
          Archive it instead
        </button>
      )}
    </Modal>
  );
}
