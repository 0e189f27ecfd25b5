// Who is acting: always visible at the top right. Choosing an identity asks for its passphrase
// (acting as someone is proof of being them); the main process keeps it unlocked for the session
// and locks it after 30 idle minutes, when the next change asks for the passphrase again.
import { useEffect, useState } from 'react';
import { Modal } from '../../ui/Modal.tsx';
import type { Output } from '../../../../shared/contract.ts';
import { ApiFailure, call, messageOf, NEED_IDENTITY, settleIdentity } from '../../api/client.ts';

type Identity = Output<'identity.list'>[number];
/** The identity chosen last, offered first when the passphrase is asked again (never used without it). */
export const IDENTITY_KEY = 'credence.identity';

export function IdentityPicker({ onChange }: { onChange?: (i: Identity | null) => void }) {
  const [list, setList] = useState<Identity[]>([]);
  const [current, setCurrent] = useState<Identity | null>(null);
  const [creating, setCreating] = useState(false);
  const [unlocking, setUnlocking] = useState<Identity | null>(null);

  const load = () =>
    Promise.all([call('identity.list', {}), call('identity.current', {})]).then(([l, c]) => {
      setList(l.filter((i) => !i.retired));
      setCurrent(c);
      return { list: l, current: c };
    });
  useEffect(() => {
    void load();
    // A change refused because no one is unlocked (or the identity went idle): ask at once, and
    // say so (preventDefault), so the change waits for the answer (api/client.ts).
    const ask = (e: Event) => {
      e.preventDefault();
      void load().then(({ list: l }) => {
        const last = l.find((i) => i.id === localStorage.getItem(IDENTITY_KEY) && !i.retired) ?? l.find((i) => !i.retired);
        if (last) setUnlocking(last);
        else setCreating(true);
      });
    };
    window.addEventListener(NEED_IDENTITY, ask);
    return () => window.removeEventListener(NEED_IDENTITY, ask);
  }, []);

  function unlocked(i: Identity | null) {
    if (i) localStorage.setItem(IDENTITY_KEY, i.id);
    setCurrent(i);
    onChange?.(i);
    settleIdentity(i !== null);
  }

  async function choose(id: string) {
    if (!id) {
      await call('identity.lock', {});
      return unlocked(null);
    }
    const i = list.find((x) => x.id === id);
    if (i) setUnlocking(i);
  }

  return (
    <div className="identity-picker">
      <label>
        Acting as{' '}
        <select value={current?.id ?? ''} onChange={(e) => void choose(e.target.value)}>
          <option value="">{list.length ? '(locked — choose who you are)' : '(no identity yet)'}</option>
          {list.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name} — {i.role === 'lead' ? 'review lead' : 'reviewer'}
            </option>
          ))}
        </select>
      </label>
      {current && <button onClick={() => void choose('')}>Lock</button>}
      <button onClick={() => setCreating(true)}>New identity…</button>
      {unlocking && (
        <UnlockDialog
          identity={unlocking}
          onClose={() => {
            setUnlocking(null);
            settleIdentity(false);
          }}
          onUnlocked={(i) => {
            setUnlocking(null);
            unlocked(i);
          }}
        />
      )}
      {creating && (
        <IdentityDialog
          onClose={() => {
            setCreating(false);
            settleIdentity(false);
          }}
          onCreated={async (i) => {
            setCreating(false);
            await load();
            unlocked(i);
          }}
        />
      )}
    </div>
  );
}

function UnlockDialog({ identity, onClose, onUnlocked }: { identity: Identity; onClose: () => void; onUnlocked: (i: Identity) => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    try {
      const i = await call('identity.use', { identityId: identity.id, passphrase });
      if (i) onUnlocked(i);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal id="unlock" title={`Act as ${identity.name}`} submitLabel="Unlock" error={error} busy={busy} confirmDiscard={false} onClose={onClose} onSubmit={submit}>
      <p className="subtle">
        Enter {identity.name}’s passphrase. Credence locks again after 30 minutes without a change. Key {identity.fingerprintGrouped.slice(0, 19)}…
      </p>
      <div className="field">
        <label htmlFor="unlock-passphrase">Passphrase</label>
        <input id="unlock-passphrase" type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
      </div>
    </Modal>
  );
}

/**
 * Creates an identity and acts as it at once (its passphrase was just typed). `firstRun` is the
 * welcome shown when the workspace has no identity yet.
 */
export function IdentityDialog({ onClose, onCreated, firstRun = false }: { onClose: () => void; onCreated: (i: Identity) => void; firstRun?: boolean }) {
  const [f, setF] = useState({ name: '', email: '', role: 'reviewer' as 'reviewer' | 'lead', passphrase: '', again: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (f.passphrase !== f.again) return setErrors({ again: 'The two passphrases differ.' });
    try {
      const made = await call('identity.create', { name: f.name, email: f.email, role: f.role, passphrase: f.passphrase });
      onCreated((await call('identity.use', { identityId: made.id, passphrase: f.passphrase })) ?? made);
    } catch (err) {
      if (err instanceof ApiFailure && err.error.fields) setErrors(err.error.fields);
      setError(messageOf(err));
    }
  }
  const field = (k: keyof typeof f, label: string, type = 'text') => (
    <div className={`field${errors[k] ? ' invalid' : ''}`}>
      <label htmlFor={`id-${k}`}>{label}</label>
      <input id={`id-${k}`} type={type} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} aria-invalid={!!errors[k]} aria-describedby={errors[k] ? `id-${k}-err` : undefined} autoComplete="off" />
      {errors[k] && (
        <small id={`id-${k}-err`} className="error">
          {errors[k]}
        </small>
      )}
    </div>
  );
  return (
    <Modal id="identity" title={firstRun ? 'Who are you?' : 'New identity'} submitLabel="Create identity" error={error} onClose={onClose} onSubmit={submit}>
      {firstRun && <p className="subtle">Every change in Credence is made, and signed, by a person. Create your identity to start work; you can look around without one.</p>}
      {field('name', 'Full name')}
      {field('email', 'Email')}
      <div className="field">
        <label htmlFor="id-role">Role</label>
        <select id="id-role" value={f.role} onChange={(e) => setF({ ...f, role: e.target.value as 'reviewer' | 'lead' })}>
          <option value="reviewer">Reviewer</option>
          <option value="lead">Review lead (signs packets)</option>
        </select>
      </div>
      {field('passphrase', 'Passphrase (protects your signing key)', 'password')}
      {field('again', 'Passphrase again', 'password')}
    </Modal>
  );
}
