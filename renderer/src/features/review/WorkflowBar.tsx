// Who must act next, and the one workflow action that fits the current identity and status.
import { useEffect, useState, type ReactNode } from 'react';
import { Modal } from '../../ui/Modal.tsx';
import type { Output } from '../../../../shared/contract.ts';
import type { CaseRecord } from '../../../../shared/schemas/case.ts';
import { DETERMINATION_LABEL, type CaseChecklist } from '../../../../shared/schemas/checklist.ts';
import type { GapKind, SignSummary } from '../../../../shared/schemas/sign-summary.ts';
import { call, messageOf } from '../../api/client.ts';
import { IconWarning } from '../../ui/icons.tsx';
import { personName } from '../../../../shared/domain/history-wording.ts';

type Identity = Output<'identity.current'>;
type State = Output<'review.state'>;

interface Props {
  caseRecord: CaseRecord;
  checklist: CaseChecklist | null;
  identity: Identity;
  version: number;
  onChanged: () => void;
  /** Shown first in the bar (the workspace's view switch), so the two share one row. */
  children?: ReactNode;
}

export function WorkflowBar({ caseRecord: c, checklist, identity, version, onChanged, children }: Props) {
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
  // A notice of the last export, or an error, belongs to the step it was said at.
  useEffect(() => {
    if (s !== 'signed' && s !== 'exported') setExported(null);
    setError(null);
  }, [s]);
  // A returned case carries the lead's comments to the reviewer, where the work is done.
  const returned = s === 'returned' ? state?.history.findLast((h) => h.action === 'returned') : undefined;
  return (
    <div className="workflow">
      {children}
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
              setExported(r.name);
            })
          }
        >
          Export packet
        </button>
      )}
      {returned?.comment && (
        <details className="returned-comment">
          <summary>
            Returned by {personName(returned.actor)}: <q>{returned.comment.split('\n')[0]}</q>
          </summary>
          <p aria-label={`${personName(returned.actor)}'s comments`}>{returned.comment}</p>
        </details>
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

/**
 * The review screen before signing: determinations in packet order, then every gap the packet
 * would carry (undecided items, unscored rubric criteria, stale or contradicted determinations),
 * each confirmed with its own checkbox. Signing stays off until each is confirmed; review.sign
 * checks the same list again.
 */
function SignDialog({ caseRecord, checklist, signer, onDone, onClose }: { caseRecord: CaseRecord; checklist: CaseChecklist | null; signer: NonNullable<Identity>; onDone: () => void; onClose: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<SignSummary | null>(null);
  const [confirmed, setConfirmed] = useState<Set<GapKind>>(new Set());
  useEffect(() => {
    call('review.signSummary', { caseId: caseRecord.id })
      .then(setSummary)
      .catch((e) => setError(messageOf(e)));
  }, [caseRecord.id]);
  const gaps = summary?.gaps ?? [];
  const open = gaps.filter((g) => !confirmed.has(g.kind));
  const toggle = (k: GapKind, on: boolean) =>
    setConfirmed((prev) => {
      const next = new Set(prev);
      if (on) next.add(k);
      else next.delete(k);
      return next;
    });
  return (
    <Modal
      id="sign"
      className="sign"
      title={`Sign the review packet for ${caseRecord.agencyName}`}
      submitLabel="Sign packet"
      error={error}
      busy={busy}
      submitDisabled={!summary || open.length > 0}
      onClose={onClose}
      onSubmit={async () => {
        setBusy(true);
        try {
          await call('review.sign', { caseId: caseRecord.id, passphrase, acknowledge: [...confirmed] });
          onDone();
        } catch (err) {
          setError(messageOf(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <ol className="sign-list" aria-label="Determinations in the packet">
        {checklist?.entries.map((e) => (
          <li key={e.item.id} className={e.item.kind === 'mandatory' ? 'mandatory' : ''}>
            {e.item.title}: <strong>{e.determination ? DETERMINATION_LABEL[e.determination.status] : 'undecided'}</strong>
          </li>
        ))}
      </ol>
      {!summary && !error && <p className="subtle">Checking what the packet would carry…</p>}
      {summary && (
        <section className="sign-summary" aria-label="Before you sign">
          <p>
            <strong>
              {summary.decided} of {summary.total}
            </strong>{' '}
            checklist items decided.{' '}
            {summary.rubrics.map((r) => (
              <span key={r.id} className="sign-rubric">
                {r.title}: <strong>{r.assessed === 'complete' ? `all ${r.criteriaTotal} criteria scored` : r.assessed === 'none' ? 'not assessed' : `${r.criteriaScored} of ${r.criteriaTotal} criteria scored`}</strong>.{' '}
              </span>
            ))}
          </p>
          {gaps.length === 0 ? (
            <p className="chip">No gaps: every item decided, every criterion scored, nothing stale or contradicted, every scanned page read.</p>
          ) : (
            <>
              <p>The packet will show these gaps as they are. Confirm each to sign:</p>
              {gaps.map((g) => (
                <fieldset key={g.kind} className={`sign-gap${confirmed.has(g.kind) ? ' confirmed' : ''}`}>
                  <legend>
                    <IconWarning /> {g.title}
                  </legend>
                  <details>
                    <summary>Show which</summary>
                    <ul>
                      {g.entries.map((x) => (
                        <li key={x}>{x}</li>
                      ))}
                    </ul>
                  </details>
                  <label className="confirm">
                    <input type="checkbox" checked={confirmed.has(g.kind)} onChange={(e) => toggle(g.kind, e.target.checked)} /> {g.statement}
                  </label>
                </fieldset>
              ))}
            </>
          )}
        </section>
      )}
      <p>
        Signer: <strong>{signer.name}</strong> &lt;{signer.email}&gt;
        <br />
        Key fingerprint: <code>{signer.fingerprintGrouped}</code>
      </p>
      <div className="field">
        <label htmlFor="sign-pass">Passphrase</label>
        <input id="sign-pass" type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus />
      </div>
      {summary && open.length > 0 && <p className="subtle">Sign packet stays off until each gap above is confirmed ({open.length} left).</p>}
    </Modal>
  );
}
