// Run by ocr-resume.test.ts, which kills it (SIGKILL) mid-queue: imports a scanned policy with OCR
// on and prints a line for each page read, then waits for the rest.
import { openWorkspace } from '../../../../electron/services/workspace.ts';

const [dataDir, file] = process.argv.slice(2) as [string, string];
const ws = openWorkspace({ dataDir, ocr: { auto: true, poolSize: 1, limits: { dpi: 150 } } });
const me = ws.services.identities.create({ name: 'Crash Test', email: 'crash@body.example', role: 'reviewer', passphrase: 'crash test passphrase' });
ws.services.session.use(me.id, 'crash test passphrase');
ws.subscribe((event, payload) => {
  if (event === 'ocr.progress') process.stdout.write(`${JSON.stringify(payload)}\n`);
});
const c = await ws.dispatch('cases.create', { agencyName: 'Crash Police Department', ori: 'IL0000321', state: 'IL' });
if (!c.ok) throw new Error(c.error.message);
const r = await ws.dispatch('documents.import', { caseId: (c.value as { id: string }).id, paths: [file] });
if (!r.ok) throw new Error(r.error.message);
await ws.services.ocr.whenIdle();
