// A long-lived second writer, as the desktop app is beside the CLI: opens the workspace through
// openWorkspace and dispatches audited changes one after another. Started by
// tests/security/concurrency.test.ts on the project's Node 22; waits for "go" on stdin so every
// writer starts together, then prints one JSON line: how many calls of each method succeeded,
// and every failure's message.
import readline from 'node:readline';
import { openWorkspace } from '../../../electron/services/workspace.ts';
import { actAs } from '../../support/workspace.ts';

const [dataDir, name, caseId, documentId, writesArg] = process.argv.slice(2) as [string, string, string, string, string];
const writes = Number(writesArg);
const ws = openWorkspace({ dataDir });
// Each writer is a person of its own, as the app's user is: "writer-a <writer-a@body.example>".
actAs(ws, { name, email: `${name}@body.example`, role: 'reviewer' });
const ok: Record<string, number> = {};
const failures: string[] = [];

async function call(method: string, input: unknown): Promise<any> {
  const r = await ws.dispatch(method, input);
  if (r.ok) ok[method] = (ok[method] ?? 0) + 1;
  else failures.push(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.ok ? r.value : null;
}

const lines = readline.createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) if (line.trim() === 'go') break;
lines.close();

// Halfway, wait until a CLI call has written too, so the CLI's changes land in the middle of
// this writer's, however fast this machine starts processes.
async function untilOthersWrote() {
  const others = ws.ctx.db.prepare("SELECT count(*) AS n FROM audit_log WHERE actor NOT LIKE 'writer-%' AND actor != 'Rita Reviewer <rita@body.example>'");
  for (let waited = 0; (others.get() as { n: number }).n === 0; waited += 20) {
    if (waited > 120_000) throw new Error('No other process wrote within two minutes.');
    await new Promise((r) => setTimeout(r, 20));
  }
}

let lastAnnotation: string | null = null;
for (let i = 0; i < writes; i++) {
  if (i === writes / 2) await untilOthersWrote();
  if (i % 3 === 0) {
    const a = await call('annotations.create', { caseId, documentId, page: 1 + (i % 4), quote: 'officers shall use reasonable force', note: `${name} #${i}` });
    if (a) lastAnnotation = a.id;
  } else if (i % 3 === 1) {
    await call('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'partially_met', rationale: `${name} #${i}`, evidenceIds: lastAnnotation ? [lastAnnotation] : [] });
  } else {
    await call('cases.update', { id: caseId, patch: { agencyName: `Concurrency Police Department ${name} ${i}` } });
  }
  // Give the event loop a turn, as the app does between a user's actions.
  await new Promise((r) => setImmediate(r));
}
ws.close();
process.stdout.write(`${JSON.stringify({ ok, failures })}\n`);
