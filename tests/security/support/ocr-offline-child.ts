// Run under no-network.mjs by ocr-network.test.ts: imports a scanned policy into a fresh
// workspace with OCR on, waits for every page to be read, and prints what search finds.
import { openWorkspace } from '../../../electron/services/workspace.ts';
import { scannedPdf } from '../../fixtures/scans.ts';
import fs from 'node:fs';
import path from 'node:path';

const dataDir = process.argv[2]!;
const ws = openWorkspace({ dataDir, ocr: { auto: true, poolSize: 1, limits: { dpi: 150 } } });
try {
  const me = ws.services.identities.create({ name: 'Net Test', email: 'net@body.example', role: 'reviewer', passphrase: 'net test passphrase' });
  ws.services.session.use(me.id, 'net test passphrase');
  const call = async (method: string, input: unknown) => {
    const r = await ws.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as any;
  };
  const c = await call('cases.create', { agencyName: 'Offline Police Department', ori: 'IL0000555', state: 'IL' });
  const file = path.join(dataDir, '..', 'scan.pdf');
  fs.writeFileSync(file, await scannedPdf([['Chokeholds are prohibited', 'unless deadly force is', 'authorized by law.']]));
  await call('documents.import', { caseId: c.id, paths: [file] });
  await ws.services.ocr.whenIdle();
  // The pre-review of the new text runs in a worker thread too: it finishes before the workspace
  // closes, so that thread is not ended before it has run (and been covered).
  await ws.services.prereview.settle(c.id);
  const hits = await call('search.query', { caseId: c.id, query: 'chokeholds prohibited' });
  const [doc] = await call('documents.list', { caseId: c.id });
  process.stdout.write(JSON.stringify({ hits, ocr: doc.ocr }));
} finally {
  ws.close();
}
