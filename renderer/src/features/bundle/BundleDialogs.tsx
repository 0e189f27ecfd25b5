// Case bundles in the app. Export signs the bundle with the acting identity's key, so it asks for
// the passphrase. Import says who signed; a key outside the roster and this workspace's
// identities is shown by its fingerprint and imported only if the user confirms that key.
import { useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../shared/contract.ts';
import type { CaseRecord } from '../../../../shared/schemas/case.ts';
import { ApiFailure, call, messageOf } from '../../api/client.ts';
import { Modal } from '../../ui/Modal.tsx';
import { carriesPasswords } from '../../../../shared/domain/bundle-passwords.ts';

type Imported = Output<'bundle.import'>;

const TRUST: Record<Imported['signer']['trust'], string> = {
  roster: 'a key in your trust roster',
  'own-identity': 'the key of an identity in this workspace',
  accepted: 'an unknown key you accepted for this import',
};

export function ExportBundleDialog({ caseRecord, signer, onDone, onClose }: { caseRecord: CaseRecord; signer: Output<'identity.current'>; onDone: (message: string) => void; onClose: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      id="export-bundle"
      title={`Export ${caseRecord.agencyName} as a signed bundle`}
      submitLabel="Choose where and export"
      error={error}
      busy={busy || !signer}
      onClose={onClose}
      onSubmit={async () => {
        setBusy(true);
        try {
          const out = await call('dialog.chooseBundleDestination', { defaultName: `${caseRecord.agencyName.replace(/[^A-Za-z0-9]+/g, '-')}.credence-case` });
          if (!out) return;
          const r = await call('bundle.export', { caseId: caseRecord.id, handle: out.handle, passphrase });
          onDone(`Case bundle written to ${r.name}, signed by ${r.signer.name} (key ${r.signer.fingerprintGrouped}).${carriesPasswords(r.passwords)}`);
        } catch (err) {
          setError(messageOf(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {signer ? (
        <>
          <p>
            The bundle holds the whole case for a reviewer or lead on another machine, signed with your key so they can tell it came from you unaltered.
            <br />
            Signer: <strong>{signer.name}</strong> &lt;{signer.email}&gt;
            <br />
            Key fingerprint: <code>{signer.fingerprintGrouped}</code>
          </p>
          <div className="field">
            <label htmlFor="bundle-pass">Passphrase</label>
            <input id="bundle-pass" type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus />
          </div>
        </>
      ) : (
        <p className="chip warn">Choose who you are first (Acting as): a bundle is signed with your identity’s key.</p>
      )}
    </Modal>
  );
}

/**
 * Import a bundle the user chose; asks before trusting an unknown signer, then shows who signed.
 * `file` is the handle the chooser returned; each handle works once, so a refusal that asks about
 * the signer brings a fresh one for the same file.
 */
export function ImportBundleFlow({ file, onOpen, onClose }: { file: string; onOpen: (caseId: string) => void; onClose: () => void }) {
  const handle = useRef(file);
  const [untrusted, setUntrusted] = useState<{ fingerprint: string; message: string } | null>(null);
  const [imported, setImported] = useState<Imported | null>(null);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  const [busy, setBusy] = useState(false);

  async function run(acceptUntrusted?: string) {
    setBusy(true);
    try {
      setImported(await call('bundle.import', acceptUntrusted ? { handle: handle.current, acceptUntrusted } : { handle: handle.current }));
      setUntrusted(null);
    } catch (err) {
      const fp = err instanceof ApiFailure ? err.error.fields?.acceptUntrusted : undefined;
      const again = err instanceof ApiFailure ? err.error.fields?.handle : undefined;
      if (again) handle.current = again;
      if (fp && !acceptUntrusted) setUntrusted({ fingerprint: fp, message: messageOf(err) });
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => {
    // Once per chosen file, even where effects run twice (React's strict mode).
    if (started.current) return;
    started.current = true;
    void run();
  }, []);

  if (imported) {
    return (
      <Modal id="bundle-imported" title={`${imported.replaced ? 'Updated' : 'Imported'} ${imported.agencyName}`} submitLabel="Open case" onClose={onClose} onSubmit={() => onOpen(imported.caseId)}>
        <p>
          {imported.documents} document(s). Signed by <strong>{imported.signer.name ?? 'an unknown signer'}</strong>: {TRUST[imported.signer.trust]}.
          <br />
          Key fingerprint: <code>{imported.signer.fingerprintGrouped}</code>
        </p>
      </Modal>
    );
  }
  if (untrusted) {
    const grouped = untrusted.fingerprint.toUpperCase().match(/.{1,4}/g)!.join(' ');
    return (
      <Modal id="bundle-untrusted" className="untrusted" title="Unknown signer" submitLabel="Import, trusting this key once" error={error} busy={busy} onClose={onClose} onSubmit={() => run(untrusted.fingerprint)}>
        <p>This bundle was signed by a key that is not in your trust roster and is not one of this workspace’s identities, so Credence cannot say who made it.</p>
        <p>
          Key fingerprint: <code>{grouped}</code>
        </p>
        <p>Compare this fingerprint with the sender (by phone or in person) before you import. To trust their key from now on, import their public key in Settings instead.</p>
      </Modal>
    );
  }
  if (error) {
    return (
      <Modal id="bundle-refused" title="The bundle was not imported" submitLabel="Close" error={error} onClose={onClose} onSubmit={onClose}>
        <p>Nothing in this workspace was changed.</p>
      </Modal>
    );
  }
  return null;
}
