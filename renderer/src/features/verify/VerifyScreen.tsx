// What an agency's staff see: drop a packet, get a plain verdict first, then who signed it and
// whether that key is trusted, then the findings summary.
import { useState } from 'react';
import type { Output } from '../../../../shared/contract.ts';
import { call, messageOf } from '../../api/client.ts';

type Verification = Output<'packet.verify'>;

export function VerifyScreen({ onClose }: { onClose: () => void }) {
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const verify = async (input: { path: string } | { bytes: Uint8Array<ArrayBuffer> }) => {
    setError(null);
    try {
      setResult(await call('packet.verify', input));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <main className="verify-screen">
      <header className="bar">
        <button onClick={onClose}>← Cases</button>
        <h1>Verify a review packet</h1>
      </header>
      <div
        className={`drop${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={async (e) => {
          e.preventDefault();
          setDragging(false);
          const f = e.dataTransfer.files[0];
          if (f) await verify({ bytes: new Uint8Array(await f.arrayBuffer()) });
        }}
      >
        <p>Drop a review packet (.zip) here, or</p>
        <button
          className="primary"
          onClick={async () => {
            try {
              const p = await call('dialog.choosePacket', {});
              if (p) await verify({ path: p });
            } catch (e) {
              setError(messageOf(e));
            }
          }}
        >
          Choose a packet…
        </button>
      </div>
      {error && (
        <p className="error banner" role="alert">
          {error}
        </p>
      )}
      {result && (
        <section className={`verdict ${result.ok ? 'good' : 'bad'}`} aria-label="Verification result">
          <h2>{result.ok ? '✓ Authentic and unaltered' : '✗ Not valid'}</h2>
          {!result.ok && <p>{result.reason}</p>}
          {result.signer && (
            <p>
              Signed by <strong>{result.signer.name}</strong> &lt;{result.signer.email}&gt;
              {result.createdAt && <> on {new Date(result.createdAt).toLocaleString()}</>}
              <br />
              Key fingerprint: <code>{result.signer.fingerprintGrouped}</code>
              <br />
              {result.signerInRoster ? '✓ This key is in your trust roster.' : '⚠ This key is not in your trust roster: confirm the fingerprint with the credentialing body before relying on it.'}
            </p>
          )}
          {result.ok && result.agency && (
            <p>
              Case {result.caseId} — {result.agency}
            </p>
          )}
          {result.summary && (
            <>
              <h3>
                Findings ({result.summary.decided} of {result.summary.total} items decided)
              </h3>
              <table className="cases">
                <thead>
                  <tr>
                    <th>Item</th>
                    <th>Determination</th>
                  </tr>
                </thead>
                <tbody>
                  {result.summary.items.map((i) => (
                    <tr key={i.title} className={i.kind === 'mandatory' ? 'mandatory' : ''}>
                      <td>{i.title}</td>
                      <td>{i.determination}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
    </main>
  );
}
