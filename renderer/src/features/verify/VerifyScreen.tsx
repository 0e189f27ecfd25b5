// What an agency's staff see: drop a packet, get a plain verdict first (green only when the
// signing key is in their trust roster), then who signed it, then the findings summary.
import { useState, type ReactElement } from 'react';
import type { Output } from '../../../../shared/contract.ts';
import { call, messageOf } from '../../api/client.ts';
import { IconBack, IconCheck, IconCross, IconWarning } from '../../ui/icons.tsx';

type Verification = Output<'packet.verify'>;

export function VerifyScreen({ onClose }: { onClose: () => void }) {
  const [result, setResult] = useState<{ verification: Verification; file: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const verify = async (input: { handle: string } | { bytes: Uint8Array<ArrayBuffer> }, file: string) => {
    // The last packet's verdict goes at once: a green verdict must never stand beside another file's error.
    setResult(null);
    setError(null);
    try {
      setResult({ verification: await call('packet.verify', input), file });
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <main className="verify-screen">
      <header className="bar">
        <button onClick={onClose}>
          <IconBack /> Cases
        </button>
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
          if (f) await verify({ bytes: new Uint8Array(await f.arrayBuffer()) }, f.name);
        }}
      >
        <p>Drop a review packet (.zip) here, or</p>
        <button
          className="primary"
          onClick={async () => {
            try {
              const p = await call('dialog.choosePacket', {});
              if (p) await verify({ handle: p.handle }, p.name);
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
      {result && <Verdict result={result.verification} file={result.file} />}
    </main>
  );
}

const HEADLINE: Record<Verification['verdict'], string> = {
  trusted: 'Authentic, unaltered, signed by a trusted key',
  untrusted: "Valid signature from an unknown key: not the lead's signature",
  invalid: 'Not valid',
};
// The headline says it in words; the icon only repeats it for the eye.
const ICON: Record<Verification['verdict'], () => ReactElement> = { trusted: IconCheck, untrusted: IconWarning, invalid: IconCross };
const TONE: Record<Verification['verdict'], string> = { trusted: 'good', untrusted: 'warn', invalid: 'bad' };

// Green only for a key in the roster; the name shown is the roster's. The manifest's own
// "signed by" is a claim anyone can write, so it appears only labelled as unverified.
function Verdict({ result, file }: { result: Verification; file: string }) {
  const s = result.signer;
  return (
    <section className={`verdict ${TONE[result.verdict]}`} aria-label="Verification result">
      <h2>
        {ICON[result.verdict]()} {HEADLINE[result.verdict]}
      </h2>
      <p className="subtle verified-file">Checked: {file}</p>
      {result.verdict === 'invalid' && <p>{result.reason}</p>}
      {result.verdict === 'trusted' && s && (
        <p>
          Signed by <strong>{s.name}</strong> (the name in your trust roster for this key)
          {result.createdAt && <> on {new Date(result.createdAt).toLocaleString()}, by the signer&apos;s clock</>}
          <br />
          Key fingerprint: <code>{s.fingerprintGrouped}</code>
        </p>
      )}
      {result.verdict === 'untrusted' && s && (
        <>
          <p>
            The packet is unaltered since it was signed, but the key that signed it is not in your trust roster, so nothing says whose key it is. Do not rely on these findings as the lead&apos;s.
            <br />
            Key fingerprint: <code>{s.fingerprintGrouped}</code>
            {s.claimed && (
              <>
                <br />
                The packet claims to be signed by {s.claimed.name} &lt;{s.claimed.email}&gt;: unverified.
              </>
            )}
          </p>
          <p>
            <strong>What to do:</strong> if you expect this packet from a review lead, get the lead&apos;s public key, call them and check that its fingerprint matches, then import it in Settings (Import a public key), and verify again.
          </p>
        </>
      )}
      {result.verdict === 'trusted' && result.agency && (
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
  );
}
