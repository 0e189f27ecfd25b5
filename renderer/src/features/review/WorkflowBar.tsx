// Who must act next, and the one workflow action that fits the current identity and status.
import { useEffect, useState } from 'react';
import { Modal } from '../../ui/Modal.tsx';
import type { Output } from '../../../../shared/contract.ts';
import type { CaseRecord } from '../../../../shared/schemas/case.ts';
import type { CaseChecklist } from '../../../../shared/schemas/checklist.ts';
import { call, messageOf } from '../../api/client.ts';

type Identity = Output<'identity.current'>;
type State = Output<'review.state'>;

interface Props {
  caseRecord: CaseRecord;
  checklist: CaseChecklist | null;
  identity: Identity;
  version: number;
  onChanged: () => void;
}

export function WorkflowBar({ caseRecord: c, checklist, identity, version, onChanged }: Props) {
  const [state, setState] = useState<State | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'sign' | 'return' | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  useEffect(() => {
    call('review.state', { caseId: c.id }).then(setState).catch(() => {});
  }, [c.id, c.status, version]);

  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const role = identity?.role;
  const s = c.status;
  return (
    <div className="workflow">
      {state && <span className="next" title={state.next}>Next: {state.next}</span>}
      {(s === 'draft' || s === 'returned') && role === 'reviewer' && <button className="primary" onClick={() => void act(() => call('review.submit', { caseId: c.id }))}>Submit for review</button>}
      {s === 'submitted' && role === 'lead' && (
        <>
          <button className="primary" onClick={() => void act(() => call('review.approve', { caseId: c.id }))}>
            Approve
          </button>
          <button onClick={() => setDialog('return')}>Return…</button>
        </>
      )}
      {s === 'approved' && role === 'lead' && (
        <button className="primary" onClick={() => setDialog('sign')}>
          Sign…
        </button>
      )}
      {(s === 'signed' || s === 'exported') && (
        <button
          className="primary"
          onClick={() =>
            void act(async () => {
              const r = await call('review.export', { caseId: c.id });
              setExported(r.path);
            })
          }
        >
          Export packet
        </button>
      )}
      {!identity && <span className="subtle">Choose an identity to act on this case.</span>}
      {exported && (
        <span role="status" className="notice">
          Packet written to {exported}
        </span>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
      {dialog === 'return' && <ReturnDialog caseId={c.id} onDone={() => (setDialog(null), onChanged())} onClose={() => setDialog(null)} />}
      {dialog === 'sign' && identity && <SignDialog caseRecord={c} checklist={checklist} signer={identity} onDone={() => (setDialog(null), onChanged())} onClose={() => setDialog(null)} />}
    </div>
  );
}

function ReturnDialog({ caseId, onDone, onClose }: { caseId: string; onDone: () => void; onClose: () => void }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      id="return"
      title="Return to the reviewer"
      submitLabel="Return case"
      error={error}
      onClose={onClose}
      onSubmit={async () => {
        try {
          await call('review.return', { caseId, comment });
          onDone();
        } catch (err) {
          setError(messageOf(err));
        }
      }}
    >
      <label htmlFor="return-comment" className="field-label">
        What should change?
      </label>
      <textarea id="return-comment" rows={5} value={comment} onChange={(e) => setComment(e.target.value)} style={{ width: '100%' }} autoFocus />
    </Modal>
  );
}

/** The review screen before signing: determinations in packet order, undecided items, signer, passphrase. */
function SignDialog({ caseRecord, checklist, signer, onDone, onClose }: { caseRecord: CaseRecord; checklist: CaseChecklist | null; signer: NonNullable<Identity>; onDone: () => void; onClose: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const undecided = checklist?.entries.filter((e) => !e.determination) ?? [];
  return (
    <Modal
      id="sign"
      className="sign"
      title={`Sign the review packet for ${caseRecord.agencyName}`}
      submitLabel="Sign packet"
      error={error}
      busy={busy}
      onClose={onClose}
      onSubmit={async () => {
        setBusy(true);
        try {
          await call('review.sign', { caseId: caseRecord.id, passphrase });
          onDone();
        } catch (err) {
          setError(messageOf(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <ol className="sign-list">
        {checklist?.entries.map((e) => (
          <li key={e.item.id} className={e.item.kind === 'mandatory' ? 'mandatory' : ''}>
            {e.item.title}: <strong>{e.determination ? e.determination.status.replace(/_/g, ' ') : 'undecided'}</strong>
          </li>
        ))}
      </ol>
      {undecided.length > 0 && <p className="chip warn">{undecided.length} items are undecided and will be listed as undecided in the packet.</p>}
      <p>
        Signer: <strong>{signer.name}</strong> &lt;{signer.email}&gt;
        <br />
        Key fingerprint: <code>{signer.fingerprintGrouped}</code>
      </p>
      <div className="field">
        <label htmlFor="sign-pass">Passphrase</label>
        <input id="sign-pass" type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus />
      </div>
    </Modal>
  );
}
