// Who is acting: always visible, switchable, and a way to create an identity (an Ed25519 key
// whose private half is sealed with the passphrase).
import { useEffect, useState } from 'react';
import { Modal } from '../../ui/Modal.tsx';
import type { Output } from '../../../../shared/contract.ts';
import { ApiFailure, call, messageOf } from '../../api/client.ts';

type Identity = Output<'identity.list'>[number];
export const IDENTITY_KEY = 'credence.identity';

/** Re-applies the identity chosen last time (the main process forgets it on restart). */
export async function restoreIdentity(): Promise<Identity | null> {
  const id = localStorage.getItem(IDENTITY_KEY);
  if (!id) return null;
  try {
    return await call('identity.use', { identityId: id });
  } catch {
    localStorage.removeItem(IDENTITY_KEY);
    return null;
  }
}

export function IdentityPicker({ onChange }: { onChange?: (i: Identity | null) => void }) {
  const [list, setList] = useState<Identity[]>([]);
  const [current, setCurrent] = useState<string>('');
  const [creating, setCreating] = useState(false);

  const load = () =>
    Promise.all([call('identity.list', {}), call('identity.current', {})]).then(([l, c]) => {
      setList(l);
      setCurrent(c?.id ?? '');
    });
  useEffect(() => {
    void load();
  }, []);

  async function use(id: string) {
    const i = await call('identity.use', { identityId: id || null });
    if (id) localStorage.setItem(IDENTITY_KEY, id);
    else localStorage.removeItem(IDENTITY_KEY);
    setCurrent(id);
    onChange?.(i);
  }

  return (
    <div className="identity-picker">
      <label>
        Acting as{' '}
        <select value={current} onChange={(e) => void use(e.target.value)}>
          <option value="">(no identity)</option>
          {list.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name} — {i.role === 'lead' ? 'review lead' : 'reviewer'}
            </option>
          ))}
        </select>
      </label>
      <button onClick={() => setCreating(true)}>New identity…</button>
      {creating && (
        <IdentityDialog
          onClose={() => setCreating(false)}
          onCreated={async (i) => {
            setCreating(false);
            await load();
            await use(i.id);
          }}
        />
      )}
    </div>
  );
}

function IdentityDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (i: Identity) => void }) {
  const [f, setF] = useState({ name: '', email: '', role: 'reviewer' as 'reviewer' | 'lead', passphrase: '', again: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (f.passphrase !== f.again) return setErrors({ again: 'The two passphrases differ.' });
    try {
      onCreated(await call('identity.create', { name: f.name, email: f.email, role: f.role, passphrase: f.passphrase }));
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
    <Modal id="identity" title="New identity" submitLabel="Create identity" error={error} onClose={onClose} onSubmit={submit}>
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
