// Settings: identities (and their public keys), the trust roster, checklist and rubric packs,
// single-person review, and where the data lives.
import { IconBack } from '../../ui/icons.tsx';
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract.ts';
import { call, messageOf } from '../../api/client.ts';
import { IdentityPicker } from '../identity/IdentityPicker.tsx';

export function SettingsScreen({ onClose }: { onClose: () => void }) {
  const [identities, setIdentities] = useState<Output<'identity.list'>>([]);
  const [roster, setRoster] = useState<Output<'roster.list'>>([]);
  const [packs, setPacks] = useState<Output<'checklists.packs'>>([]);
  const [rubrics, setRubrics] = useState<Output<'rubrics.list'>>([]);
  const [info, setInfo] = useState<Output<'app.info'> | null>(null);
  const [single, setSingle] = useState(false);
  const [shownKey, setShownKey] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(async () => {
    const [i, r, p, rb, a, s] = await Promise.all([call('identity.list', {}), call('roster.list', {}), call('checklists.packs', {}), call('rubrics.list', {}), call('app.info', {}), call('review.settings', {})]);
    setIdentities(i);
    setRoster(r);
    setPacks(p);
    setRubrics(rb);
    setInfo(a);
    setSingle(s.singlePersonReview);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (f: () => Promise<string>) => {
    try {
      setMessage({ ok: true, text: await f() });
      await load();
    } catch (e) {
      setMessage({ ok: false, text: messageOf(e) });
    }
  };
  const importFrom = (kind: 'roster' | 'checklist' | 'rubric') =>
    act(async () => {
      const file = await call('dialog.chooseFile', { purpose: kind === 'roster' ? 'roster-key' : kind === 'checklist' ? 'checklist-pack' : 'rubric-pack' });
      if (!file) return 'Nothing chosen.';
      const { handle } = file;
      if (kind === 'roster') return `Trusted key ${(await call('roster.import', { handle })).fingerprintGrouped}.`;
      if (kind === 'checklist') return `Installed ${(await call('checklists.importPack', { handle })).title}.`;
      return `Installed ${(await call('rubrics.importPack', { handle })).title}.`;
    });

  return (
    <main className="settings">
      <header className="bar">
        <button onClick={onClose} className="back">
          <IconBack /> Cases
        </button>
        <h1>Settings</h1>
        <span className="spacer" />
        <IdentityPicker onChange={() => void load()} />
      </header>
      {message && (
        <p className={message.ok ? 'notice banner' : 'error banner'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <section aria-labelledby="s-identities">
        <h2 id="s-identities">Identities on this machine</h2>
        <table className="cases">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Key fingerprint</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {identities.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.name} &lt;{i.email}&gt;
                </td>
                <td>{i.role === 'lead' ? 'Review lead' : 'Reviewer'}</td>
                <td>
                  <code>{i.fingerprintGrouped}</code>
                </td>
                <td>
                  <button onClick={() => setShownKey(shownKey === i.id ? null : i.id)}>{shownKey === i.id ? 'Hide public key' : 'Show public key'}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <PassphraseForm identities={identities} onDone={(text) => setMessage({ ok: true, text })} />
        {shownKey && (
          <textarea className="pem" readOnly rows={4} aria-label="Public key (PEM): copy it to the credentialing body's trust roster" value={identities.find((i) => i.id === shownKey)?.publicKeyPem ?? ''} />
        )}
      </section>
      <section aria-labelledby="s-roster">
        <h2 id="s-roster">Trust roster (review leads’ public keys)</h2>
        {roster.length === 0 ? <p className="subtle">No keys yet. A packet signed by a key not listed here is flagged when verified.</p> : (
          <ul>
            {roster.map((r) => (
              <li key={r.fingerprint}>
                {r.name}: <code>{r.fingerprintGrouped}</code>
              </li>
            ))}
          </ul>
        )}
        <button onClick={() => void importFrom('roster')}>Import a public key (.pem)…</button>
      </section>
      <section aria-labelledby="s-packs">
        <h2 id="s-packs">Checklist and rubric packs</h2>
        <ul>
          {packs.map((p) => (
            <li key={`${p.id}@${p.version}`}>
              {p.title} — {p.id} v{p.version} ({p.itemCount} items, {p.source})
            </li>
          ))}
          {rubrics.map((p) => (
            <li key={`${p.id}@${p.version}`}>
              Rubric: {p.title} — {p.id} v{p.version} ({p.criteria.length} criteria, {p.source})
            </li>
          ))}
        </ul>
        <button onClick={() => void importFrom('checklist')}>Import a checklist pack (.json)…</button> <button onClick={() => void importFrom('rubric')}>Import a rubric pack (.json)…</button>
      </section>
      <section aria-labelledby="s-review">
        <h2 id="s-review">Review</h2>
        <label>
          <input type="checkbox" checked={single} onChange={(e) => (setSingle(e.target.checked), void act(async () => ((await call('review.settings', { singlePersonReview: e.target.checked })).singlePersonReview ? 'Single-person review is allowed; packets will say so.' : 'Two-person review is required.')))} /> Allow
          single-person review (a lead may approve and sign their own determinations; recorded in the packet)
        </label>
      </section>
      <section aria-labelledby="s-data">
        <h2 id="s-data">Data</h2>
        <p>
          Workspace folder: <code>{info?.dataDir}</code>. To back it up, close Credence and copy the whole folder; a copy of the database is also kept in <code>backups/</code> before every upgrade.
        </p>
      </section>
    </main>
  );
}

function PassphraseForm({ identities, onDone }: { identities: Output<'identity.list'>; onDone: (text: string) => void }) {
  const [id, setId] = useState('');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (identities.length === 0) return null;
  return (
    <form
      className="passphrase"
      aria-label="Change passphrase"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          const i = await call('identity.changePassphrase', { identityId: id, current, next });
          setCurrent('');
          setNext('');
          setError(null);
          onDone(`The passphrase of ${i.name} was changed; the key and its fingerprint stay the same.`);
        } catch (err) {
          setError(messageOf(err));
        }
      }}
    >
      <label>
        Change the passphrase of{' '}
        <select value={id} onChange={(e) => setId(e.target.value)} required>
          <option value="">Choose…</option>
          {identities.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Current passphrase <input type="password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label>
        New passphrase <input type="password" value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <button type="submit">Change passphrase</button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
