// The item's suggested determination: a status and a drafted rationale citing the pages. The
// reviewer adopts it as it is, edits it first, or ignores it; Credence never records it alone.
import { useState } from 'react';
import { DETERMINATION_LABEL, type CaseChecklist, type DeterminationStatus } from '../../../../shared/schemas/checklist.ts';
import { IconCheck } from '../../ui/icons.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { messageOf } from '../../api/client.ts';
import type { PrereviewActions } from './actions.ts';
import type { Suggestion } from './model.ts';

interface Props {
  suggestion: Suggestion;
  itemTitle: string;
  entry: CaseChecklist['entries'][number] | undefined;
  documentTitle(id: string): string;
  readOnly: boolean;
  /** Documents still being read: the suggestion may change, so it cannot be adopted yet. */
  reading: boolean;
  actions: PrereviewActions;
  onIgnore(): void;
}

export function SuggestedDetermination({ suggestion: s, itemTitle, entry, documentTitle, readOnly, reading, actions, onIgnore }: Props) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const det = entry?.determination ?? null;

  const adopt = async (input: { rationale?: string; status?: DeterminationStatus }) => {
    setBusy(true);
    setError(null);
    try {
      await actions.adopt({ itemId: s.itemId, ...input });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="suggestion" aria-labelledby="suggestion-title">
      <h4 id="suggestion-title">Suggested determination</h4>
      <p>
        <span className={`det det-${s.status}`}>{DETERMINATION_LABEL[s.status]}</span>{' '}
        {s.adopted ? (
          <span className="chip adopted">
            <IconCheck /> Adopted: it is the item’s determination
          </span>
        ) : (
          det && <span className="subtle">· the item is now {DETERMINATION_LABEL[det.status]} (recorded by {det.decidedBy})</span>
        )}
      </p>
      <p className="rationale">{s.rationale}</p>
      {s.evidence.length > 0 && (
        <p className="subtle cites">
          Rests on:{' '}
          {s.evidence.map((e, i) => (
            <span key={`${e.documentId}|${e.page}|${i}`}>
              {i > 0 && '; '}
              {documentTitle(e.documentId)}, p. {e.page}
            </span>
          ))}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!readOnly && !s.adopted && reading && <p className="subtle">It can be adopted once every document has been read: it may still change.</p>}
      {!readOnly && !s.adopted && (
        <div className="finding-actions">
          <button className="primary" disabled={busy || reading} onClick={() => void adopt({})}>
            Adopt
          </button>
          <button disabled={busy || reading} onClick={() => setEditing(true)}>
            Edit, then adopt
          </button>
          <button disabled={busy} onClick={onIgnore} title="Close the suggestion; nothing is recorded">
            Ignore
          </button>
        </div>
      )}
      {editing && (
        <EditThenAdopt
          itemTitle={itemTitle}
          status={s.status}
          rationale={s.rationale}
          allowed={entry?.item.allowedDeterminations ?? [s.status]}
          onClose={() => setEditing(false)}
          onAdopt={(input) => actions.adopt({ itemId: s.itemId, ...input })}
        />
      )}
    </section>
  );
}

function EditThenAdopt(props: { itemTitle: string; status: DeterminationStatus; rationale: string; allowed: DeterminationStatus[]; onClose(): void; onAdopt(input: { rationale: string; status: DeterminationStatus }): Promise<void> }) {
  const [status, setStatus] = useState(props.status);
  const [rationale, setRationale] = useState(props.rationale);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      id="edit-adopt"
      title="Edit the suggested determination"
      submitLabel="Adopt edited"
      error={error}
      busy={busy}
      onClose={props.onClose}
      onSubmit={async () => {
        if (!rationale.trim()) return setError('Write the rationale for this determination.');
        setBusy(true);
        try {
          await props.onAdopt({ rationale: rationale.trim(), status });
          props.onClose();
        } catch (e) {
          setError(messageOf(e));
          setBusy(false);
        }
      }}
    >
      <p className="subtle">{props.itemTitle}</p>
      <div className="field">
        <label htmlFor="edit-adopt-status">Determination</label>
        <select id="edit-adopt-status" value={status} onChange={(e) => setStatus(e.target.value as DeterminationStatus)}>
          {props.allowed.map((a) => (
            <option key={a} value={a}>
              {DETERMINATION_LABEL[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="edit-adopt-rationale">Rationale</label>
        <textarea id="edit-adopt-rationale" rows={7} value={rationale} onChange={(e) => setRationale(e.target.value)} />
      </div>
    </Modal>
  );
}
